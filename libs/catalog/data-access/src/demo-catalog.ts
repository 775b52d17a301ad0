import { generateApiKey } from './api-key';

/** Anything that runs SQL: a pg Client/Pool or a TypeORM DataSource. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface DemoCatalog {
  leadSourceId: number;
  /** Plain api-key: shown once, only its hash is stored. */
  apiKey: string;
  leadTypeId: number;
  campaignId: number;
  clientId: number;
  /** The account whose criteria match the demo lead (State = TX). */
  deliveryAccountId: number;
  /** An account whose criteria do not match it (State = CA), to show the scanner's choice. */
  otherDeliveryAccountId: number;
}

async function one<T>(db: SqlRunner, sql: string, params: unknown[]): Promise<T> {
  const rows = (await db.query(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(rows) ? rows[0] : rows.rows[0];
}

/**
 * Writes a small working setup: a lead source with an api-key, a lead type with required fields,
 * a campaign, and a buyer whose delivery account JSON-posts to `buyerUrl`. Used by `npm run demo`
 * and the end-to-end tests; operators configure the same through the Account API.
 */
export async function seedDemoCatalog(db: SqlRunner, opts: { buyerUrl: string; name?: string; maxSell?: number }): Promise<DemoCatalog> {
  const name = opts.name ?? 'Demo';
  const source = await one<{ id: number }>(db, `INSERT INTO lead_sources (name) VALUES ($1) RETURNING id`, [`${name} source`]);
  const key = generateApiKey();
  await db.query(`INSERT INTO lead_source_api_keys (lead_source_id, prefix, key_hash, label) VALUES ($1, $2, $3, 'demo')`, [
    source.id, key.prefix, key.hash,
  ]);
  const leadType = await one<{ id: number }>(db, `INSERT INTO lead_types (name) VALUES ($1) RETURNING id`, [`${name} auto insurance`]);
  for (const [field, required, specialBit] of [
    ['FirstName', true, 'FirstName'],
    ['LastName', true, 'LastName'],
    ['Email', true, 'Email'],
    ['PrimaryPhone', false, 'PrimaryPhone'],
    ['State', true, 'State'],
    ['Zip', false, 'Zip'],
  ] as const) {
    await db.query(`INSERT INTO lead_type_fields (lead_type_id, name, required, special_bit) VALUES ($1, $2, $3, $4)`, [
      leadType.id, field, required, specialBit,
    ]);
  }
  const campaign = await one<{ id: number }>(
    db,
    `INSERT INTO campaigns (lead_source_id, lead_type_id, name, lead_price, max_sell) VALUES ($1, $2, $3, 12.5, $4) RETURNING id`,
    [source.id, leadType.id, `${name} campaign`, opts.maxSell ?? 1],
  );
  const client = await one<{ id: number }>(db, `INSERT INTO clients (name) VALUES ($1) RETURNING id`, [`${name} buyer`]);
  const method = (path: string) => JSON.stringify({ type: 'JSON', url: `${opts.buyerUrl}${path}`, timeoutMs: 5000, responseSearch: 'success' });
  const account = await one<{ id: number }>(
    db,
    `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, criteria, delivery_method)
     VALUES ($1, $2, $3, 20, $4, $5) RETURNING id`,
    [client.id, leadType.id, `${name} Texas account`, JSON.stringify([{ field: 'State', operator: 'In', value: 'TX|OK' }]), method('/leads/tx')],
  );
  const other = await one<{ id: number }>(
    db,
    `INSERT INTO delivery_accounts (client_id, lead_type_id, name, price, criteria, delivery_method)
     VALUES ($1, $2, $3, 30, $4, $5) RETURNING id`,
    [client.id, leadType.id, `${name} California account`, JSON.stringify([{ field: 'State', operator: 'Equal', value: 'CA' }]), method('/leads/ca')],
  );
  return {
    leadSourceId: source.id,
    apiKey: key.key,
    leadTypeId: leadType.id,
    campaignId: campaign.id,
    clientId: client.id,
    deliveryAccountId: account.id,
    otherDeliveryAccountId: other.id,
  };
}

/** The demo lead, as a lead source would post it (seed 002 request shape). */
export function demoLeadRequest(catalog: DemoCatalog, fields: Record<string, string> = {}): object {
  return {
    source: { vid: catalog.leadSourceId, lid: catalog.leadTypeId, aid: catalog.campaignId, sendDelay: 0 },
    leads: [
      {
        properties: { reference: 'demo-1', noSell: false },
        fields: { FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', PrimaryPhone: '5125550100', State: 'TX', Zip: '73301', ...fields },
      },
    ],
  };
}
