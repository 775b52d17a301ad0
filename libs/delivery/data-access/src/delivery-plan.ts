import { EntityManager } from 'typeorm';
import { DELIVERY_KIND_BY_SEED_TYPE, DeliveryMethodSettings } from '@leadx/catalog-data-access';
import { DeliveryFieldSetting } from '@leadx/delivery-domain';

type Queryable = Pick<EntityManager, 'query'>;

/** A delivery method as the worker sends with it. */
export interface LoadedMethod {
  /** delivery_methods.id; null for an account that only has the legacy projection. */
  id: number | null;
  kind: string;
  seedType: string;
  address: string;
  template: string;
  enabled: boolean;
  inTesting: boolean;
  responseSearch: string;
  useRegex: boolean;
  timeoutMs?: number;
  settings: DeliveryFieldSetting[];
  /** Legacy projection: the body is the lead's fields as JSON, as the worker always sent. */
  legacy: boolean;
  email: {
    template: string;
    subject: string;
    to: string;
    from: string;
    cc: string;
    bcc: string;
    smtpServer: string;
    smtpAuth: boolean;
    smtpUsername: string;
    smtpPasswordSealed: string | null;
  };
  ftp: { user: string; passwordSealed: string | null; path: string };
}

export interface DeliveryPlan {
  primary: LoadedMethod;
  /** Seed AlternatePosting: used when the primary certainly did not deliver. */
  alternate?: LoadedMethod;
}

interface MethodRow {
  id: number;
  type: string;
  enabled: boolean;
  in_testing: boolean;
  template: string;
  email_template: string;
  email_subject: string;
  ftp_user: string;
  ftp_password_sealed: string | null;
  ftp_path: string;
  email_address: string;
  use_regex: boolean;
  response_search: string;
  delivery_address: string;
  smtp_server: string;
  smtp_auth: boolean;
  smtp_username: string;
  smtp_password_sealed: string | null;
  from_address: string;
  to_address: string;
  notify_cc: string;
  notify_bcc: string;
}

/**
 * Reads how an account is delivered: its delivery_methods row (with settings and mappings) and its
 * alternate, else the delivery_accounts.delivery_method projection (accounts written before methods
 * existed, the demo catalog). A timeoutMs in the projection applies either way (the seed has none).
 */
export async function loadDeliveryPlan(db: Queryable, deliveryAccountId: number): Promise<DeliveryPlan | null> {
  const [account] = (await db.query(
    `SELECT delivery_method, delivery_method_id, alternate_delivery_method_id FROM delivery_accounts WHERE id = $1`,
    [deliveryAccountId],
  )) as Array<{ delivery_method: DeliveryMethodSettings | null; delivery_method_id: number | null; alternate_delivery_method_id: number | null }>;
  if (!account) return null;
  const projection = account.delivery_method ?? ({} as DeliveryMethodSettings);
  const timeoutMs = typeof projection.timeoutMs === 'number' && projection.timeoutMs > 0 ? projection.timeoutMs : undefined;
  const primary = account.delivery_method_id !== null ? await loadMethod(db, account.delivery_method_id, timeoutMs) : null;
  const plan: DeliveryPlan = { primary: primary ?? legacyMethod(projection, timeoutMs) };
  if (account.alternate_delivery_method_id !== null && account.alternate_delivery_method_id !== account.delivery_method_id) {
    const alternate = await loadMethod(db, account.alternate_delivery_method_id, timeoutMs);
    if (alternate) plan.alternate = alternate;
  }
  return plan;
}

export async function loadMethod(db: Queryable, id: number, timeoutMs: number | undefined): Promise<LoadedMethod | null> {
  const [m] = (await db.query(`SELECT * FROM delivery_methods WHERE id = $1`, [id])) as MethodRow[];
  if (!m) return null;
  const settings = (await db.query(
    `SELECT s.id, s.field_type, s.field_name, s.value, f.name AS lead_field_name, s.format, s.expr, s.has_map,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('fieldValue', mp.field_value, 'deliveryValue', mp.delivery_value) ORDER BY mp.id)
                        FROM delivery_method_mappings mp WHERE mp.setting_id = s.id), '[]'::jsonb) AS mappings
       FROM delivery_method_settings s LEFT JOIN lead_type_fields f ON f.id = s.lead_field_id
      WHERE s.delivery_method_id = $1 ORDER BY s.id`,
    [id],
  )) as Array<{
    field_type: string; field_name: string; value: string; lead_field_name: string | null; format: string; expr: string; has_map: boolean;
    mappings: Array<{ fieldValue: string; deliveryValue: string }>;
  }>;
  return {
    id: m.id,
    kind: DELIVERY_KIND_BY_SEED_TYPE[m.type] ?? m.type,
    seedType: m.type,
    address: m.delivery_address,
    template: m.template,
    enabled: m.enabled,
    inTesting: m.in_testing,
    responseSearch: m.response_search,
    useRegex: m.use_regex,
    timeoutMs,
    settings: settings.map((s) => ({
      fieldType: s.field_type,
      fieldName: s.field_name,
      value: s.value,
      leadFieldName: s.lead_field_name,
      format: s.format,
      expr: s.expr,
      hasMap: s.has_map,
      mappings: s.mappings,
    })),
    legacy: false,
    email: {
      template: m.email_template,
      subject: m.email_subject,
      to: m.to_address || m.email_address,
      from: m.from_address,
      cc: m.notify_cc,
      bcc: m.notify_bcc,
      smtpServer: m.smtp_server,
      smtpAuth: m.smtp_auth,
      smtpUsername: m.smtp_username,
      smtpPasswordSealed: m.smtp_password_sealed,
    },
    ftp: { user: m.ftp_user, passwordSealed: m.ftp_password_sealed, path: m.ftp_path },
  };
}

function legacyMethod(p: DeliveryMethodSettings, timeoutMs: number | undefined): LoadedMethod {
  return {
    id: null,
    kind: p.type ?? 'JSON',
    seedType: p.seedType ?? 'XML / JSON',
    address: p.url ?? '',
    template: '',
    enabled: p.enabled !== false,
    inTesting: p.inTesting === true,
    responseSearch: p.responseSearch ?? '',
    useRegex: p.responseSearchIsRegex === true,
    timeoutMs,
    settings: [],
    legacy: true,
    email: { template: '', subject: '', to: '', from: '', cc: '', bcc: '', smtpServer: '', smtpAuth: false, smtpUsername: '', smtpPasswordSealed: null },
    ftp: { user: '', passwordSealed: null, path: '' },
  };
}

/** What the settings of a lead may read: the lead, its client and source, facts of the send. */
export interface LeadFacts {
  lead: Record<string, string>;
  special: Record<string, string>;
  client: Record<string, string>;
  leadSource: Record<string, string>;
  testValues: Record<string, string>;
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Plain text record of a row, without credentials. */
function record(row: Record<string, unknown> | undefined, hidden: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row ?? {})) if (!hidden.includes(k)) out[k] = text(v);
  return out;
}

export async function loadLeadFacts(
  db: Queryable,
  input: { leadId: number; clientId: number; deliveryAccountId: number; assignmentId: number; price: number; deliveryMethodId: number | null },
): Promise<LeadFacts | null> {
  // One round trip: the lead, its source, the lead type's test values, the client and the
  // client's custom fields (client_fields by descriptor: what a Client Field setting usually names).
  const [lead] = (await db.query(
    `SELECT l.id, l.uid, l.fields, l.lead_type_id, l.campaign_id, l.lead_source_id, l.reference, l.created_at,
            to_jsonb(ls) - 'password_hash' - 'username' AS source,
            COALESCE((SELECT jsonb_object_agg(f.name, COALESCE(f.settings->>'TestValue', f.settings->>'testValue'))
                        FROM lead_type_fields f WHERE f.lead_type_id = l.lead_type_id
                         AND COALESCE(f.settings->>'TestValue', f.settings->>'testValue') IS NOT NULL), '{}'::jsonb) AS test_values,
            (SELECT to_jsonb(c) - 'password_hash' - 'username' FROM clients c WHERE c.id = $2) AS client,
            COALESCE((SELECT jsonb_object_agg(f.descriptor, v.value)
                        FROM client_field_values v JOIN client_fields f ON f.id = v.client_field_id
                       WHERE v.client_id = $2 AND f.descriptor IS NOT NULL), '{}'::jsonb) AS custom
       FROM leads l JOIN lead_sources ls ON ls.id = l.lead_source_id WHERE l.id = $1`,
    [input.leadId, input.clientId],
  )) as Array<{
    id: string; uid: string; fields: Record<string, unknown>; lead_type_id: number; campaign_id: number; lead_source_id: number;
    reference: string | null; created_at: Date; source: Record<string, unknown>; test_values: Record<string, string>;
    client: Record<string, unknown> | null; custom: Record<string, unknown>;
  }>;
  if (!lead) return null;
  const now = new Date().toISOString();
  const clientRow = record(lead.client ?? undefined, []);
  const clientRecord = { ...clientRow, ...record(lead.custom, []) };
  const sourceRecord = record(lead.source, []);
  return {
    lead: record(lead.fields, []),
    special: {
      LeadUID: text(lead.id),
      LeadGUID: lead.uid,
      LeadTypeUID: text(lead.lead_type_id),
      CampaignUID: text(lead.campaign_id),
      LeadSourceUID: text(lead.lead_source_id),
      Reference: lead.reference ?? '',
      DateAdded: text(lead.created_at),
      Price: input.price.toFixed(2),
      ClientUID: text(input.clientId),
      ClientAccountUID: text(input.deliveryAccountId),
      DeliveryUID: input.deliveryMethodId === null ? '' : text(input.deliveryMethodId),
      AssignmentUID: text(input.assignmentId),
      CurrentDate: now.slice(0, 10),
      CurrentDateTime: now,
    },
    client: { ...clientRecord, ClientUID: clientRow['id'] ?? '', ClientName: clientRow['name'] ?? '' },
    leadSource: { ...sourceRecord, LeadSourceUID: sourceRecord['id'] ?? '', SourceName: sourceRecord['name'] ?? '' },
    testValues: lead.test_values,
  };
}
