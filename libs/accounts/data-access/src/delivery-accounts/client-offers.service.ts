import { DataSource, EntityManager } from 'typeorm';
import {
  ClientOfferDuration,
  ClientOfferInput,
  clientOffersFromInput,
  ClientOfferType,
  ClientOfferView,
  DeliveryInputError,
  DeliveryNotFoundError,
  DynamicOfferMapping,
} from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { Queryable } from './delivery-rows';

const OFFER_COLUMNS = `id, delivery_account_id, offer_type, enabled, company_name, company_phone, name, description, url, image_url,
  privacy_url, terms_url, duration, amount::float AS amount, tcpa_text, custom_tcpa_text_required, dynamic_mapping`;

/**
 * Extension (seed 000): a delivery account's 1-to-1 offers. Static offers carry the buyer's
 * details; dynamic offers say where a ping-post buyer's answer holds them (paths are stored and
 * checked for syntax, never evaluated here). Each write records `offer` in the outbox.
 */
export class ClientOffersService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async list(clientId: number, accountId: number): Promise<ClientOfferView[]> {
    await this.account(this.ds, clientId, accountId);
    return this.offers(this.ds, accountId);
  }

  /** Replaces the account's offers with `input` (OfferUID 0: new; an offer left out is deleted). */
  async replace(clientId: number, accountId: number, input: ClientOfferInput[]): Promise<ClientOfferView[]> {
    return this.ds.transaction(async (m) => {
      const account = await this.account(m, clientId, accountId, true);
      const existing = (await m.query(`SELECT id FROM client_offers WHERE delivery_account_id = $1`, [accountId])) as Array<{ id: number }>;
      const checked = clientOffersFromInput(input, { existingIds: new Set(existing.map((e) => e.id)), accountPingPost: account.methodType === 'PING/POST' });
      if (!checked.ok) throw new DeliveryInputError(checked.problems);
      const kept = new Set(checked.value.map((o) => o.OfferUID).filter((id) => id !== 0));
      for (const { id } of existing) {
        if (kept.has(id)) continue;
        await m.query(`DELETE FROM client_offers WHERE id = $1`, [id]);
        await this.changes.record(m, 'offer', id, 'deleted');
      }
      for (const [position, o] of checked.value.entries()) {
        const values = [
          o.Type, o.Enabled, position, o.CompanyName, o.CompanyPhoneNumber, o.Name, o.Description, o.URL, o.ImageURL, o.PrivacyURL,
          o.TermsURL, o.Duration, o.Amount, o.TCPAConsentText, o.CustomTCPATextRequired, o.DynamicMapping ? JSON.stringify(o.DynamicMapping) : null,
        ];
        let id = o.OfferUID;
        if (id === 0) {
          const [row] = (await m.query(
            `INSERT INTO client_offers (offer_type, enabled, position, company_name, company_phone, name, description, url, image_url,
                    privacy_url, terms_url, duration, amount, tcpa_text, custom_tcpa_text_required, dynamic_mapping, delivery_account_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17) RETURNING id`,
            [...values, accountId],
          )) as Array<{ id: number }>;
          id = row.id;
        } else {
          await m.query(
            `UPDATE client_offers SET offer_type = $1, enabled = $2, position = $3, company_name = $4, company_phone = $5, name = $6,
                    description = $7, url = $8, image_url = $9, privacy_url = $10, terms_url = $11, duration = $12, amount = $13,
                    tcpa_text = $14, custom_tcpa_text_required = $15, dynamic_mapping = $16::jsonb, updated_at = now()
              WHERE id = $17 AND delivery_account_id = $18`,
            [...values, id, accountId],
          );
        }
        await this.changes.record(m, 'offer', id);
      }
      return this.offers(m, accountId);
    });
  }

  private async account(q: Queryable, clientId: number, accountId: number, lock = false): Promise<{ methodType: string | null }> {
    const [client] = (await q.query(`SELECT id FROM clients WHERE id = $1`, [clientId])) as unknown[];
    if (!client) throw new DeliveryNotFoundError('client', clientId);
    const [account] = (await q.query(
      `SELECT (SELECT m.type FROM delivery_methods m WHERE m.id = a.delivery_method_id) AS method_type
         FROM delivery_accounts a WHERE a.id = $1 AND a.client_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [accountId, clientId],
    )) as Array<{ method_type: string | null }>;
    if (!account) throw new DeliveryNotFoundError('delivery account', accountId);
    return { methodType: account.method_type };
  }

  private async offers(q: Queryable | EntityManager, accountId: number): Promise<ClientOfferView[]> {
    const rows = (await q.query(`SELECT ${OFFER_COLUMNS} FROM client_offers WHERE delivery_account_id = $1 ORDER BY position, id`, [accountId])) as Array<
      Record<string, unknown>
    >;
    return rows.map((r) => ({
      OfferUID: r['id'] as number,
      DeliveryAccountUID: r['delivery_account_id'] as number,
      Type: r['offer_type'] as ClientOfferType,
      Enabled: r['enabled'] as boolean,
      CompanyName: r['company_name'] as string,
      CompanyPhoneNumber: r['company_phone'] as string,
      Name: r['name'] as string,
      Description: r['description'] as string,
      URL: r['url'] as string,
      ImageURL: r['image_url'] as string,
      PrivacyURL: r['privacy_url'] as string,
      TermsURL: r['terms_url'] as string,
      Duration: r['duration'] as ClientOfferDuration,
      Amount: r['amount'] as number,
      TCPAConsentText: r['tcpa_text'] as string,
      CustomTCPATextRequired: r['custom_tcpa_text_required'] as boolean,
      DynamicMapping: (r['dynamic_mapping'] as DynamicOfferMapping | null) ?? null,
    }));
  }
}
