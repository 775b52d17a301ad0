import { DataSource, EntityManager } from 'typeorm';
import {
  defaultFieldSettings,
  DeliveryChecked,
  DeliveryDayRow,
  DeliveryInputError,
  DeliveryInputProblem,
  DeliveryMethodInput,
  deliveryMethodProblems,
  DeliveryMethodRow,
  DeliveryMethodSettingsRow,
  DeliveryNotFoundError,
  deliveryDaysFromSeed,
  FieldSettingChange,
  fieldSettingChanges,
  FieldSettingRow,
  leadFieldIdOf,
  mergeDeliveryMethod,
  OutboundTarget,
  outboundTargets,
} from '@leadx/accounts-domain';
import { SecretBox } from '@leadx/catalog-data-access';
import { assertOutboundUrl, OutboundUrlError, OutboundUrlPolicy } from '@leadx/platform-outbound-http';
import { ConfigChanges } from '../config-changes';
import { projectDeliveryMethod } from './delivery-projection';
import { METHOD_COLUMNS, methodRowOf } from './delivery-rows';

export interface DeliveryMethodsOptions {
  /** SSRF policy for DeliveryAddress and FTP/SMTP hosts (allowPrivate only in development and tests). */
  urlPolicy: OutboundUrlPolicy;
  /** Seals FTP and SMTP passwords (the delivery worker opens them to log in). */
  secrets: SecretBox;
}

const SETTING_COLUMNS = ['field_type', 'field_name', 'value', 'lead_field_id', 'format', 'expr', 'has_map'] as const;

/**
 * Seed 003 delivery methods: create/modify with field settings, value mappings and delivery days,
 * and Set Default Mappings. Saving a method rewrites delivery_accounts.delivery_method (what the
 * delivery worker reads) for every account that uses it, in the same transaction.
 */
export class DeliveryMethodsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
    private readonly options: DeliveryMethodsOptions,
  ) {}

  /** Create (ClientDeliveryUID 0 or absent) or modify; answers the method's id. */
  async save(clientId: number, input: DeliveryMethodInput): Promise<number> {
    if (input.ClientUID && input.ClientUID !== clientId) {
      throw DeliveryInputError.of('ClientUID', `ClientUID: the body says client ${input.ClientUID} but the path says ${clientId}`);
    }
    return this.ds.transaction(async (m) => {
      const [client] = (await m.query(`SELECT id FROM clients WHERE id = $1`, [clientId])) as unknown[];
      if (!client) throw new DeliveryNotFoundError('client', clientId);
      const methodId = input.ClientDeliveryUID ?? 0;
      let existing: DeliveryMethodRow | undefined;
      if (methodId !== 0) {
        const [row] = (await m.query(`SELECT ${METHOD_COLUMNS} FROM delivery_methods m WHERE m.id = $1 AND m.client_id = $2 FOR UPDATE`, [methodId, clientId])) as Array<
          Record<string, unknown>
        >;
        if (!row) throw new DeliveryNotFoundError('delivery method', methodId);
        existing = methodRowOf(row);
      }
      const merged = mergeDeliveryMethod(existing, input);
      if (!merged.ok) throw new DeliveryInputError(merged.problems);
      const settings = merged.value;
      const problems: DeliveryInputProblem[] = [...deliveryMethodProblems(settings)];
      await this.checkLeadType(m, existing?.id, settings.leadTypeId, problems);
      problems.push(...(await this.ssrfProblems(existing ? outboundTargets(existing) : [], outboundTargets(settings))));

      let changes: FieldSettingChange[] = [];
      if (input.FieldSettings) {
        const leadFields = await this.leadFields(m, settings.leadTypeId, input.FieldSettings.map((s) => leadFieldIdOf(s.LeadFieldUID) ?? 0));
        const checked = fieldSettingChanges(input.FieldSettings, {
          leadFields,
          existing: await this.existingSettings(m, existing?.id),
          leadFieldScope: settings.leadTypeId === null ? 'any lead type' : `lead type ${settings.leadTypeId}`,
        });
        if (checked.ok) changes = checked.value;
        else problems.push(...checked.problems);
      }
      let days: DeliveryChecked<DeliveryDayRow[]> | undefined;
      if (input.DeliveryDays) {
        const dayIds = existing ? ((await m.query(`SELECT id FROM delivery_method_days WHERE delivery_method_id = $1`, [existing.id])) as Array<{ id: number }>) : [];
        days = deliveryDaysFromSeed(input.DeliveryDays, new Set(dayIds.map((d) => d.id)));
        if (!days.ok) problems.push(...days.problems);
      }
      if (problems.length) throw new DeliveryInputError(problems);

      const id = await this.writeMethod(m, clientId, existing?.id, settings);
      await this.writePasswords(m, id, input);
      await this.writeSettings(m, id, changes);
      if (days?.ok) await this.writeDays(m, id, days.value);
      await this.changes.record(m, 'delivery_method', id);
      await this.reproject(m, id);
      return id;
    });
  }

  /**
   * Set Default Mappings: replaces the method's field settings with one Lead Field setting per
   * field of its lead type (the method's LeadTypeUID, else that of the accounts using it).
   */
  async setDefaultMappings(methodId: number): Promise<true> {
    await this.ds.transaction(async (m) => {
      const [method] = (await m.query(
        `SELECT m.id, COALESCE(m.lead_type_id, (SELECT a.lead_type_id FROM delivery_accounts a WHERE a.delivery_method_id = m.id ORDER BY a.id LIMIT 1)) AS lead_type_id
           FROM delivery_methods m WHERE m.id = $1 FOR UPDATE`,
        [methodId],
      )) as Array<{ id: number; lead_type_id: number | null }>;
      if (!method) throw new DeliveryNotFoundError('delivery method', methodId);
      if (method.lead_type_id === null) {
        throw DeliveryInputError.of('DeliveryUID', `DeliveryUID: delivery method ${methodId} has no lead type (set its LeadTypeUID or use it on a delivery account first)`);
      }
      const fields = (await m.query(`SELECT id, name FROM lead_type_fields WHERE lead_type_id = $1 ORDER BY id`, [method.lead_type_id])) as Array<{ id: number; name: string }>;
      await m.query(`DELETE FROM delivery_method_settings WHERE delivery_method_id = $1`, [methodId]);
      for (const setting of defaultFieldSettings(fields)) await this.insertSetting(m, methodId, setting);
      await m.query(`UPDATE delivery_methods SET updated_at = now() WHERE id = $1`, [methodId]);
      await this.changes.record(m, 'delivery_method', methodId);
    });
    return true;
  }

  /** A method's lead type must exist and match the lead type of every account that uses it. */
  private async checkLeadType(m: EntityManager, methodId: number | undefined, leadTypeId: number | null, problems: DeliveryInputProblem[]): Promise<void> {
    if (leadTypeId === null) return;
    const [leadType] = (await m.query(`SELECT id FROM lead_types WHERE id = $1`, [leadTypeId])) as unknown[];
    if (!leadType) {
      problems.push({ field: 'LeadTypeUID', message: `LeadTypeUID: lead type ${leadTypeId} not found` });
      return;
    }
    if (methodId === undefined) return;
    const others = (await m.query(`SELECT id FROM delivery_accounts WHERE delivery_method_id = $1 AND lead_type_id <> $2 ORDER BY id LIMIT 5`, [methodId, leadTypeId])) as Array<{
      id: number;
    }>;
    if (others.length) {
      problems.push({
        field: 'LeadTypeUID',
        message: `LeadTypeUID: delivery accounts ${others.map((o) => o.id).join(', ')} use this method with another lead type than ${leadTypeId}`,
      });
    }
  }

  /**
   * SSRF: every address the platform would connect to must resolve to public addresses (unless
   * allowPrivate). Addresses already saved are not looked up again, so an unrelated edit does not
   * depend on DNS.
   */
  private async ssrfProblems(before: OutboundTarget[], after: OutboundTarget[]): Promise<DeliveryInputProblem[]> {
    const known = new Set(before.map((t) => `${t.kind}:${t.value}`));
    const problems: DeliveryInputProblem[] = [];
    for (const target of after) {
      if (known.has(`${target.kind}:${target.value}`)) continue;
      const problem = await this.outboundProblem(target);
      if (problem) problems.push({ field: target.field, message: `${target.field}: ${problem}` });
    }
    return problems;
  }

  private async outboundProblem(target: OutboundTarget): Promise<string | undefined> {
    if (target.kind === 'host' && !/^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.test(target.value)) return `${JSON.stringify(target.value.slice(0, 80))} is not a host name`;
    // Hosts (FTP, SMTP) go through the same check as URLs: only the address matters.
    const url = target.kind === 'url' ? target.value : `https://${target.value}/`;
    try {
      await assertOutboundUrl(url, this.options.urlPolicy);
      return undefined;
    } catch (err) {
      if (err instanceof OutboundUrlError) return err.message;
      const code = (err as { code?: string }).code ?? 'lookup failed';
      return `the host could not be resolved (${code})`;
    }
  }

  /** Fields a setting may name: the method's lead type's, or (no lead type) the named fields of any type. */
  private async leadFields(m: EntityManager, leadTypeId: number | null, referenced: number[]): Promise<Map<number, string>> {
    const rows = (
      leadTypeId === null
        ? await m.query(`SELECT id, name FROM lead_type_fields WHERE id = ANY($1::int[])`, [referenced.filter((id) => id > 0)])
        : await m.query(`SELECT id, name FROM lead_type_fields WHERE lead_type_id = $1`, [leadTypeId])
    ) as Array<{ id: number; name: string }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private async existingSettings(m: EntityManager, methodId: number | undefined): Promise<Map<number, Set<number>>> {
    const result = new Map<number, Set<number>>();
    if (methodId === undefined) return result;
    const rows = (await m.query(
      `SELECT s.id, COALESCE(array_agg(mp.id) FILTER (WHERE mp.id IS NOT NULL), '{}') AS mapping_ids
         FROM delivery_method_settings s LEFT JOIN delivery_method_mappings mp ON mp.setting_id = s.id
        WHERE s.delivery_method_id = $1 GROUP BY s.id`,
      [methodId],
    )) as Array<{ id: number; mapping_ids: number[] }>;
    for (const r of rows) result.set(r.id, new Set(r.mapping_ids));
    return result;
  }

  private async writeMethod(m: EntityManager, clientId: number, id: number | undefined, s: DeliveryMethodSettingsRow): Promise<number> {
    const values = [
      s.leadTypeId, s.type, s.name, s.enabled, s.inTesting, s.template, s.emailTemplate, s.emailSubject, s.ftpUser, s.ftpPath,
      s.emailAddress, s.useRegex, s.responseSearch, s.deliveryAddress, s.smtpServer, s.smtpAuth, s.smtpUsername, s.fromAddress,
      s.toAddress, s.emailNotify, s.notifyCc, s.notifyBcc, s.notifyEmail, s.leadCategoryId, s.clientEmail,
    ];
    const columns = `lead_type_id, type, name, enabled, in_testing, template, email_template, email_subject, ftp_user, ftp_path,
      email_address, use_regex, response_search, delivery_address, smtp_server, smtp_auth, smtp_username, from_address,
      to_address, email_notify, notify_cc, notify_bcc, notify_email, lead_category_id, client_email`;
    const placeholders = values.map((_, i) => `$${i + 1}`);
    if (id !== undefined) {
      const sets = columns.split(',').map((c, i) => `${c.trim()} = ${placeholders[i]}`);
      await m.query(`UPDATE delivery_methods SET ${sets.join(', ')}, updated_at = now() WHERE id = $${values.length + 1}`, [...values, id]);
      return id;
    }
    const [created] = (await m.query(
      `INSERT INTO delivery_methods (client_id, ${columns}) VALUES ($${values.length + 1}, ${placeholders.join(', ')}) RETURNING id`,
      [...values, clientId],
    )) as Array<{ id: number }>;
    return created.id;
  }

  /** Sealed with the row and column as context, so a sealed value copied elsewhere does not open. */
  private async writePasswords(m: EntityManager, id: number, input: DeliveryMethodInput): Promise<void> {
    for (const [column, plain] of [
      ['ftp_password_sealed', input.FTPPassword],
      ['smtp_password_sealed', input.SMTPPassword],
    ] as const) {
      if (!plain) continue;
      await m.query(`UPDATE delivery_methods SET ${column} = $1 WHERE id = $2`, [this.options.secrets.seal(plain, deliveryPasswordContext(id, column)), id]);
    }
  }

  private async writeSettings(m: EntityManager, methodId: number, changes: FieldSettingChange[]): Promise<void> {
    for (const change of changes) {
      if (change.delete) {
        await m.query(`DELETE FROM delivery_method_settings WHERE id = $1 AND delivery_method_id = $2`, [change.setting.id, methodId]);
        continue;
      }
      let settingId = change.setting.id;
      if (settingId === 0) settingId = await this.insertSetting(m, methodId, change.setting);
      else {
        const s = change.setting;
        await m.query(
          `UPDATE delivery_method_settings SET ${SETTING_COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')} WHERE id = $8 AND delivery_method_id = $9`,
          [s.fieldType, s.fieldName, s.value, s.leadFieldId, s.format, s.expr, s.hasMap, settingId, methodId],
        );
      }
      if (!change.mappings) continue;
      if (change.mappings.deleteIds.length) {
        await m.query(`DELETE FROM delivery_method_mappings WHERE setting_id = $1 AND id = ANY($2::int[])`, [settingId, change.mappings.deleteIds]);
      }
      for (const mp of change.mappings.upsert) {
        if (mp.id === 0) {
          await m.query(`INSERT INTO delivery_method_mappings (setting_id, field_value, delivery_value) VALUES ($1, $2, $3)`, [settingId, mp.fieldValue, mp.deliveryValue]);
        } else {
          await m.query(`UPDATE delivery_method_mappings SET field_value = $1, delivery_value = $2 WHERE id = $3 AND setting_id = $4`, [
            mp.fieldValue,
            mp.deliveryValue,
            mp.id,
            settingId,
          ]);
        }
      }
    }
  }

  private async insertSetting(m: EntityManager, methodId: number, s: FieldSettingRow): Promise<number> {
    const [row] = (await m.query(
      `INSERT INTO delivery_method_settings (delivery_method_id, ${SETTING_COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [methodId, s.fieldType, s.fieldName, s.value, s.leadFieldId, s.format, s.expr, s.hasMap],
    )) as Array<{ id: number }>;
    return row.id;
  }

  /** DeliveryDays has no Delete flag: the list sent is the method's whole schedule (ids sent are kept). */
  private async writeDays(m: EntityManager, methodId: number, days: DeliveryDayRow[]): Promise<void> {
    const kept = days.filter((d) => d.id !== 0).map((d) => d.id);
    await m.query(`DELETE FROM delivery_method_days WHERE delivery_method_id = $1 AND NOT (id = ANY($2::int[]))`, [methodId, kept]);
    for (const d of days) {
      const values = [d.weekDay, d.staticDate, d.startTime, d.endTime, d.allow];
      if (d.id === 0) {
        await m.query(
          `INSERT INTO delivery_method_days (delivery_method_id, week_day, static_date, start_time, end_time, allow) VALUES ($6, $1, $2::date, $3::time, $4::time, $5)`,
          [...values, methodId],
        );
      } else {
        await m.query(
          `UPDATE delivery_method_days SET week_day = $1, static_date = $2::date, start_time = $3::time, end_time = $4::time, allow = $5
            WHERE id = $6 AND delivery_method_id = $7`,
          [...values, d.id, methodId],
        );
      }
    }
  }

  /** Rewrites the worker's projection on every account whose method this is. */
  private async reproject(m: EntityManager, methodId: number): Promise<void> {
    const [row] = (await m.query(`SELECT ${METHOD_COLUMNS} FROM delivery_methods m WHERE m.id = $1`, [methodId])) as Array<Record<string, unknown>>;
    const method = methodRowOf(row);
    const accounts = (await m.query(
      `SELECT id, alternate_delivery_method_id, delivery_method FROM delivery_accounts WHERE delivery_method_id = $1 ORDER BY id FOR UPDATE`,
      [methodId],
    )) as Array<{ id: number; alternate_delivery_method_id: number | null; delivery_method: Record<string, unknown> | null }>;
    for (const a of accounts) {
      const projection = projectDeliveryMethod(method, a.alternate_delivery_method_id, a.delivery_method ?? {});
      await m.query(`UPDATE delivery_accounts SET delivery_method = $1::jsonb, updated_at = now() WHERE id = $2`, [JSON.stringify(projection), a.id]);
      await this.changes.record(m, 'delivery_account', a.id);
    }
  }
}

/** The SecretBox context of a method's FTP or SMTP password: what the delivery worker passes to open(). */
export function deliveryPasswordContext(methodId: number, column: 'ftp_password_sealed' | 'smtp_password_sealed'): string {
  return `delivery_method:${methodId}:${column}`;
}

