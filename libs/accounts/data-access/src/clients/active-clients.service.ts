import { DataSource } from 'typeorm';
import { ActiveListAccountType, ActiveListSortBy, applyPaging, ActiveListSortDirection, STORED_ACCOUNT_TYPES } from '@leadx/accounts-domain';

export interface ActiveClientsQuery {
  /** Undefined: every account type (the seed's example sends ""). */
  DeliveryAccountType?: ActiveListAccountType;
  SortBy: ActiveListSortBy;
  SortDirection: ActiveListSortDirection;
  Filters?: {
    /** 0 stands for "no group". */
    ClientGroupUIDs?: number[];
    HasActiveOrder?: boolean;
    AutomationEnabled?: boolean;
  };
  Skip?: number;
  Take?: number;
}

export interface ActiveClientView {
  ClientUID: number;
  DateCreated: string;
  Name: string;
  Email: string;
  Phone: string;
  LastSentDate: string | null;
  Priority: number;
  Price: number;
  Agent: { Name: string; Phone: string } | null;
  DistributionLists: Array<{ Name: string; Assignments: string[] }>;
}

/** Seed 003 "Client Active List by Lead Type" answer. */
export interface ActiveClientsPage {
  QueryTotal: number;
  QueryDurationTotalMS: number;
  QueryDurationItemAverageMS: number;
  Skip: number;
  Take: number;
  FetchedCount: number;
  Clients: ActiveClientView[];
}

interface ActiveRow {
  id: number;
  created_at: Date;
  name: string;
  priority: number;
  price: number;
  agent_name: string | null;
  agent_phone: string | null;
  last_sent: Date | null;
  email: string | null;
  phone: string | null;
  lists: Array<{ Name: string; Assignments: string[] }>;
}

/** Sort keys and directions come from these closed lists only, never from the request text (unqualified: used on the page's columns). */
const SORT_COLUMN: Readonly<Record<ActiveListSortBy, string>> = {
  Name: 'lower(name)',
  Price: 'price',
  Priority: 'priority',
  LastSentDate: 'last_sent',
};

/**
 * Active clients (status Active) with an Open delivery account for the lead type (of the asked
 * account type; with automation on or off when Filters.AutomationEnabled says). Each client is
 * shown with one of those accounts, "selected during the scanning process": the one the scanner
 * ranks first (highest price, then priority), or the cheapest when sorting by Price ascending.
 */
export class ActiveClientsService {
  constructor(private readonly ds: DataSource) {}

  /** Undefined when the lead type does not exist. */
  async list(leadTypeId: number, q: ActiveClientsQuery): Promise<ActiveClientsPage | undefined> {
    const started = performance.now();
    const [leadType] = (await this.ds.query(`SELECT id FROM lead_types WHERE id = $1`, [leadTypeId])) as unknown[];
    if (!leadType) return undefined;
    const { skip, take } = applyPaging(q.Skip, q.Take);
    const accountTypes = q.DeliveryAccountType ? [...STORED_ACCOUNT_TYPES[q.DeliveryAccountType]] : null;
    const groups = q.Filters?.ClientGroupUIDs?.length ? q.Filters.ClientGroupUIDs : null;
    const hasOrder = q.Filters?.HasActiveOrder ?? null;
    const cheapestFirst = q.SortBy === 'Price' && q.SortDirection === 'Ascending';
    const order = `${SORT_COLUMN[q.SortBy]} ${q.SortDirection === 'Ascending' ? 'ASC' : 'DESC'} NULLS LAST, id`;
    const candidates = `
      SELECT c.id, c.created_at, c.name, c.priority, sel.price, sel.agent_name, sel.agent_phone,
             (SELECT max(s.completed_at) FROM sends s JOIN delivery_accounts sa ON sa.id = s.delivery_account_id
               WHERE sa.client_id = c.id AND s.status = 'sold') AS last_sent
        FROM clients c
        CROSS JOIN LATERAL (
          SELECT a.price::float AS price, a.agent_name, a.agent_phone
            FROM delivery_accounts a
           WHERE a.client_id = c.id AND a.lead_type_id = $1 AND a.status = 'Open'
             AND ($2::text[] IS NULL OR a.account_type = ANY($2::text[]))
             AND ($5::boolean IS NULL OR a.automation_enabled = $5)
           ORDER BY a.price ${cheapestFirst ? 'ASC' : 'DESC'}, a.priority DESC, a.id
           LIMIT 1) sel
       WHERE c.status = 'Active'
         AND ($3::int[] IS NULL OR coalesce(c.group_id, 0) = ANY($3::int[]))
         AND ($4::boolean IS NULL OR $4 = EXISTS (
               SELECT 1 FROM orders o WHERE o.client_id = c.id AND o.status = 'Open'
                  AND o.start_date <= now() AND (o.end_date IS NULL OR o.end_date >= now())))`;
    const automation = q.Filters?.AutomationEnabled ?? null;
    const params = [leadTypeId, accountTypes, groups, hasOrder, automation];
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM (${candidates}) x`, params)) as Array<{ total: number }>;
    const rows = (await this.ds.query(
      `WITH page AS (
         SELECT * FROM (${candidates}) x
          ORDER BY ${order}
         OFFSET $6 LIMIT $7)
       SELECT p.*,
              (SELECT v.value FROM client_field_values v JOIN client_fields f ON f.id = v.client_field_id
                WHERE v.client_id = p.id AND f.special_bit = 'Email' AND v.value <> '' ORDER BY f.id LIMIT 1) AS email,
              (SELECT v.value FROM client_field_values v JOIN client_fields f ON f.id = v.client_field_id
                WHERE v.client_id = p.id AND f.special_bit = 'PrimaryPhone' AND v.value <> '' ORDER BY f.id LIMIT 1) AS phone,
              coalesce((SELECT json_agg(json_build_object('Name', l.name, 'Assignments', l.assignments) ORDER BY l.id)
                 FROM (SELECT dl.id, dl.name, json_agg(i.value ORDER BY i.id) AS assignments
                         FROM distribution_list_assignments da
                         JOIN distribution_lists dl ON dl.id = da.list_id
                         JOIN distribution_list_items i ON i.id = da.item_id
                        WHERE da.client_id = p.id AND dl.lead_type_id = $1
                        GROUP BY dl.id, dl.name) l), '[]'::json) AS lists
         FROM page p
        ORDER BY ${order}`,
      [...params, skip, take],
    )) as ActiveRow[];
    const clients = rows.map(activeClientView);
    const elapsed = performance.now() - started;
    return {
      QueryTotal: total,
      QueryDurationTotalMS: Math.round(elapsed),
      QueryDurationItemAverageMS: clients.length ? Math.round((elapsed / clients.length) * 1000) / 1000 : 0,
      Skip: skip,
      Take: take,
      FetchedCount: clients.length,
      Clients: clients,
    };
  }
}

function activeClientView(r: ActiveRow): ActiveClientView {
  return {
    ClientUID: r.id,
    DateCreated: r.created_at.toISOString(),
    Name: r.name,
    Email: r.email ?? '',
    Phone: r.phone ?? '',
    LastSentDate: r.last_sent?.toISOString() ?? null,
    Priority: r.priority,
    Price: r.price,
    Agent: r.agent_name || r.agent_phone ? { Name: r.agent_name ?? '', Phone: r.agent_phone ?? '' } : null,
    DistributionLists: r.lists,
  };
}
