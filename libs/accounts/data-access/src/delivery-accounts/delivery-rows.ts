import { EntityManager } from 'typeorm';
import {
  DeliveryAccountRow,
  DeliveryDayRow,
  DeliveryFieldType,
  DeliveryMethodRow,
  DeliveryType,
  FieldMappingRow,
  FieldSettingWithMappings,
} from '@leadx/accounts-domain';

/** A DataSource or a transaction's EntityManager: whatever can run a parametrised query. */
export type Queryable = Pick<EntityManager, 'query'>;

export const ACCOUNT_COLUMNS = `a.id, a.client_id, a.lead_type_id, a.name, a.status, a.account_type, a.price::float AS price,
  a.hour_max, a.day_max, a.week_max, a.month_max, a.use_order, a.delivery_delay_seconds, a.redirect_url,
  a.automation_enabled, a.delivery_method_id, a.alternate_delivery_method_id, a.agent_name, a.agent_phone,
  a.criteria, a.delivery_method`;

export interface AccountRecord {
  row: DeliveryAccountRow;
  /** delivery_accounts.criteria as stored (the scanner's Criterion objects). */
  criteria: unknown[];
  /** delivery_accounts.delivery_method: what the delivery worker reads. */
  projection: Record<string, unknown>;
}

export function accountRecordOf(r: Record<string, unknown>): AccountRecord {
  return {
    row: {
      id: r['id'] as number,
      clientId: r['client_id'] as number,
      leadTypeId: r['lead_type_id'] as number,
      name: r['name'] as string,
      status: r['status'] as string,
      accountType: r['account_type'] as string,
      price: r['price'] as number,
      hourMax: r['hour_max'] as number | null,
      dayMax: r['day_max'] as number | null,
      weekMax: r['week_max'] as number | null,
      monthMax: r['month_max'] as number | null,
      useOrder: r['use_order'] as boolean,
      deliveryDelaySeconds: r['delivery_delay_seconds'] as number,
      redirectUrl: r['redirect_url'] as string | null,
      automationEnabled: r['automation_enabled'] as boolean,
      deliveryMethodId: r['delivery_method_id'] as number | null,
      alternateDeliveryMethodId: r['alternate_delivery_method_id'] as number | null,
      agentName: r['agent_name'] as string | null,
      agentPhone: r['agent_phone'] as string | null,
    },
    criteria: Array.isArray(r['criteria']) ? (r['criteria'] as unknown[]) : [],
    projection: typeof r['delivery_method'] === 'object' && r['delivery_method'] !== null ? (r['delivery_method'] as Record<string, unknown>) : {},
  };
}

export const METHOD_COLUMNS = `m.id, m.client_id, m.lead_type_id, m.type, m.name, m.enabled, m.in_testing, m.template, m.email_template,
  m.email_subject, m.ftp_user, m.ftp_password_sealed IS NOT NULL AS has_ftp_password, m.ftp_path, m.email_address, m.use_regex,
  m.response_search, m.delivery_address, m.smtp_server, m.smtp_auth, m.smtp_username,
  m.smtp_password_sealed IS NOT NULL AS has_smtp_password, m.from_address, m.to_address, m.email_notify, m.notify_cc,
  m.notify_bcc, m.notify_email, m.lead_category_id, m.client_email, m.created_at`;

export function methodRowOf(r: Record<string, unknown>): DeliveryMethodRow {
  return {
    id: r['id'] as number,
    clientId: r['client_id'] as number,
    createdAt: r['created_at'] as Date,
    type: r['type'] as DeliveryType,
    name: r['name'] as string,
    enabled: r['enabled'] as boolean,
    inTesting: r['in_testing'] as boolean,
    leadTypeId: r['lead_type_id'] as number | null,
    template: r['template'] as string,
    emailTemplate: r['email_template'] as string,
    emailSubject: r['email_subject'] as string,
    ftpUser: r['ftp_user'] as string,
    ftpPath: r['ftp_path'] as string,
    emailAddress: r['email_address'] as string,
    useRegex: r['use_regex'] as boolean,
    responseSearch: r['response_search'] as string,
    deliveryAddress: r['delivery_address'] as string,
    smtpServer: r['smtp_server'] as string,
    smtpAuth: r['smtp_auth'] as boolean,
    smtpUsername: r['smtp_username'] as string,
    fromAddress: r['from_address'] as string,
    toAddress: r['to_address'] as string,
    emailNotify: r['email_notify'] as boolean,
    notifyCc: r['notify_cc'] as string,
    notifyBcc: r['notify_bcc'] as string,
    notifyEmail: r['notify_email'] as string,
    leadCategoryId: r['lead_category_id'] as number | null,
    clientEmail: r['client_email'] as string,
    hasFtpPassword: r['has_ftp_password'] as boolean,
    hasSmtpPassword: r['has_smtp_password'] as boolean,
  };
}

/** Field settings (with their value mappings) of the given methods, in id order. */
export async function loadFieldSettings(q: Queryable, methodIds: number[]): Promise<Map<number, FieldSettingWithMappings[]>> {
  const byMethod = new Map<number, FieldSettingWithMappings[]>();
  if (!methodIds.length) return byMethod;
  const settings = (await q.query(
    `SELECT id, delivery_method_id, field_type, field_name, value, lead_field_id, format, expr, has_map
       FROM delivery_method_settings WHERE delivery_method_id = ANY($1::int[]) ORDER BY id`,
    [methodIds],
  )) as Array<Record<string, unknown>>;
  const mappings = (await q.query(
    `SELECT mp.id, mp.setting_id, mp.field_value, mp.delivery_value
       FROM delivery_method_mappings mp JOIN delivery_method_settings s ON s.id = mp.setting_id
      WHERE s.delivery_method_id = ANY($1::int[]) ORDER BY mp.id`,
    [methodIds],
  )) as Array<{ id: number; setting_id: number; field_value: string; delivery_value: string }>;
  const mappingsBySetting = new Map<number, FieldMappingRow[]>();
  for (const mp of mappings) {
    const list = mappingsBySetting.get(mp.setting_id) ?? [];
    list.push({ id: mp.id, fieldValue: mp.field_value, deliveryValue: mp.delivery_value });
    mappingsBySetting.set(mp.setting_id, list);
  }
  for (const s of settings) {
    const methodId = s['delivery_method_id'] as number;
    const list = byMethod.get(methodId) ?? [];
    list.push({
      id: s['id'] as number,
      fieldType: s['field_type'] as DeliveryFieldType,
      fieldName: s['field_name'] as string,
      value: s['value'] as string,
      leadFieldId: s['lead_field_id'] as number | null,
      format: s['format'] as string,
      expr: s['expr'] as string,
      hasMap: s['has_map'] as boolean,
      mappings: mappingsBySetting.get(s['id'] as number) ?? [],
    });
    byMethod.set(methodId, list);
  }
  return byMethod;
}

/** Delivery days of the given methods, in id order. */
export async function loadDeliveryDays(q: Queryable, methodIds: number[]): Promise<Map<number, DeliveryDayRow[]>> {
  const byMethod = new Map<number, DeliveryDayRow[]>();
  if (!methodIds.length) return byMethod;
  const rows = (await q.query(
    `SELECT id, delivery_method_id, week_day, to_char(static_date, 'YYYY-MM-DD') AS static_date,
            to_char(start_time, 'HH24:MI:SS') AS start_time, to_char(end_time, 'HH24:MI:SS') AS end_time, allow
       FROM delivery_method_days WHERE delivery_method_id = ANY($1::int[]) ORDER BY id`,
    [methodIds],
  )) as Array<{ id: number; delivery_method_id: number; week_day: number | null; static_date: string | null; start_time: string; end_time: string; allow: boolean }>;
  for (const d of rows) {
    const list = byMethod.get(d.delivery_method_id) ?? [];
    list.push({ id: d.id, weekDay: d.week_day, staticDate: d.static_date, startTime: d.start_time, endTime: d.end_time, allow: d.allow });
    byMethod.set(d.delivery_method_id, list);
  }
  return byMethod;
}

/** Lead type fields by lead type: id → name, and lower-cased name → id. */
export async function loadLeadFields(q: Queryable, leadTypeIds: number[]): Promise<Map<number, { byId: Map<number, string>; byLowerName: Map<string, number> }>> {
  const result = new Map<number, { byId: Map<number, string>; byLowerName: Map<string, number> }>();
  for (const id of leadTypeIds) result.set(id, { byId: new Map(), byLowerName: new Map() });
  if (!leadTypeIds.length) return result;
  const rows = (await q.query(`SELECT id, lead_type_id, name FROM lead_type_fields WHERE lead_type_id = ANY($1::int[]) ORDER BY id`, [leadTypeIds])) as Array<{
    id: number;
    lead_type_id: number;
    name: string;
  }>;
  for (const f of rows) {
    const maps = result.get(f.lead_type_id);
    maps?.byId.set(f.id, f.name);
    if (maps && !maps.byLowerName.has(f.name.toLowerCase())) maps.byLowerName.set(f.name.toLowerCase(), f.id);
  }
  return result;
}
