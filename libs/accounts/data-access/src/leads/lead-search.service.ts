import { DataSource } from 'typeorm';
import { LeadSearchCriteria, LeadSearchRow, Paging, SeedLeadSearchResult, toSeedLeadSearchResult } from '@leadx/accounts-domain';
import { NOT_SCHEDULED_FOR_DELETION } from './lead-visibility';

/** The seed's standard field names: the indexes of the migration cover exactly these. */
const STANDARD = { email: 'Email', phone: 'PrimaryPhone', address: 'Address' } as const;

// The comparable form of a stored value, the same functions the indexes are built on.
const COMPARABLE = {
  email: (v: string) => `lead_search_email(${v})`,
  phone: (v: string) => `lead_search_phone(${v})`,
  address: (v: string) => `lead_search_text(${v})`,
} as const;

type Criterion = keyof typeof STANDARD;

/**
 * Seed 003 "Search for Lead by Contact Information": leads of one lead type whose email, address
 * and phone (those given, all of them) equal the search's after normalisation. Each criterion
 * matches the seed's standard field (Email, Address, PrimaryPhone: indexed) and any other field the
 * lead type marks with that SpecialBit. Newest first, Skip/Take paged.
 */
export class LeadSearchService {
  constructor(private readonly ds: DataSource) {}

  /** Undefined when the lead type does not exist. */
  async search(leadTypeId: number, criteria: LeadSearchCriteria, paging: Paging): Promise<SeedLeadSearchResult[] | undefined> {
    const [type] = (await this.ds.query(`SELECT id FROM lead_types WHERE id = $1`, [leadTypeId])) as unknown[];
    if (!type) return undefined;
    const aliases = await this.specialBitAliases(leadTypeId);
    const params: unknown[] = [leadTypeId];
    const conditions: string[] = [];
    for (const criterion of Object.keys(STANDARD) as Criterion[]) {
      const value = criteria[criterion];
      if (value === undefined) continue;
      params.push(value);
      const v = `$${params.length}`;
      const compare = COMPARABLE[criterion];
      const parts = [`${compare(`l.fields->>'${STANDARD[criterion]}'`)} = ${v}`];
      if (aliases[criterion].length) {
        params.push(aliases[criterion]);
        parts.push(`EXISTS (SELECT 1 FROM unnest($${params.length}::text[]) f(name) WHERE ${compare('l.fields->>f.name')} = ${v})`);
      }
      conditions.push(`(${parts.join(' OR ')})`);
    }
    params.push(paging.skip, paging.take);
    const rows = (await this.ds.query(
      `SELECT l.id::text AS id, l.created_at, l.lead_source_id, l.campaign_id, l.lead_type_id, l.pending_review, l.price::float AS price,
              (SELECT r->>'responseMessage'
                 FROM intake_requests i
                 CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(i.results) = 'array' THEN i.results ELSE '[]'::jsonb END) r
                WHERE i.id = l.request_id AND r->>'leadId' = l.id::text
                LIMIT 1) AS response_message
         FROM leads l
        WHERE l.lead_type_id = $1 AND ${conditions.join(' AND ')} AND ${NOT_SCHEDULED_FOR_DELETION('l')}
        ORDER BY l.id DESC
        OFFSET $${params.length - 1} LIMIT $${params.length}`,
      params,
    )) as Array<{
      id: string; created_at: Date; lead_source_id: number; campaign_id: number; lead_type_id: number; pending_review: boolean; price: number; response_message: string | null;
    }>;
    return rows.map((r) =>
      toSeedLeadSearchResult({
        id: Number(r.id),
        createdAt: r.created_at,
        leadSourceId: r.lead_source_id,
        campaignId: r.campaign_id,
        leadTypeId: r.lead_type_id,
        pendingReview: r.pending_review,
        price: r.price,
        responseMessage: r.response_message,
      } satisfies LeadSearchRow),
    );
  }

  /** Names of the lead type's fields whose SpecialBit is Email, PrimaryPhone or Address, other than the standard names. */
  private async specialBitAliases(leadTypeId: number): Promise<Record<Criterion, string[]>> {
    const rows = (await this.ds.query(
      `SELECT name, lower(special_bit) AS bit FROM lead_type_fields
        WHERE lead_type_id = $1 AND lower(special_bit) IN ('email', 'primaryphone', 'address')`,
      [leadTypeId],
    )) as Array<{ name: string; bit: string }>;
    const of = (bit: string, standard: string) => rows.filter((r) => r.bit === bit && r.name !== standard).map((r) => r.name);
    return { email: of('email', STANDARD.email), phone: of('primaryphone', STANDARD.phone), address: of('address', STANDARD.address) };
  }
}
