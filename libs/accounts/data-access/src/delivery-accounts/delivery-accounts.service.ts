import { DataSource, EntityManager } from 'typeorm';
import {
  accountTypeOfStored,
  applyPaging,
  criteriaAcceptFieldValue,
  criteriaFromSeed,
  DeliveryAccountInput,
  deliveryAccountProblems,
  DeliveryInputError,
  DeliveryInputProblem,
  DeliveryMaxesInput,
  DeliveryNotFoundError,
  maxFromSeed,
  mergeDeliveryAccount,
  SeedDeliveryAccount,
  StoredDeliveryCriterion,
} from '@leadx/accounts-domain';
import { DeliveryMethodSettings } from '@leadx/catalog-data-access';
import { ConfigChanges } from '../config-changes';
import { projectDeliveryMethod } from './delivery-projection';
import { toSeedAccounts } from './delivery-reader';
import { ACCOUNT_COLUMNS, AccountRecord, accountRecordOf, loadLeadFields, METHOD_COLUMNS, methodRowOf, Queryable } from './delivery-rows';

export interface AccountSearch {
  LeadFieldUID?: number;
  Value?: string;
  Skip?: number;
  Take?: number;
}

/**
 * Seed 003 delivery accounts: list, detail, create/modify (criteria validated with the scanner's
 * own compiler, stored where the scanner reads them), quantity maxes, and the search by criteria.
 * Every write records `delivery_account` in the outbox in the same transaction.
 */
export class DeliveryAccountsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async listForClient(clientId: number): Promise<SeedDeliveryAccount[]> {
    await this.requireClient(this.ds, clientId);
    return toSeedAccounts(this.ds, await this.records(this.ds, 'a.client_id = $1', [clientId]));
  }

  async detail(clientId: number, accountId: number): Promise<SeedDeliveryAccount> {
    await this.requireClient(this.ds, clientId);
    const [record] = await this.records(this.ds, 'a.id = $1 AND a.client_id = $2', [accountId, clientId]);
    if (!record) throw new DeliveryNotFoundError('delivery account', accountId);
    const [account] = await toSeedAccounts(this.ds, [record]);
    return account;
  }

  /** List of All Accounts (Filtered by Criteria), paged in account id order. */
  async listByCriteria(leadTypeId: number, search: AccountSearch): Promise<SeedDeliveryAccount[]> {
    const [leadType] = (await this.ds.query(`SELECT id FROM lead_types WHERE id = $1`, [leadTypeId])) as unknown[];
    if (!leadType) throw new DeliveryNotFoundError('lead type', leadTypeId);
    const { skip, take } = applyPaging(search.Skip, search.Take);
    const fieldId = search.LeadFieldUID ?? 0;
    let ids: number[];
    if (fieldId === 0) {
      const rows = (await this.ds.query(`SELECT id FROM delivery_accounts WHERE lead_type_id = $1 ORDER BY id OFFSET $2 LIMIT $3`, [leadTypeId, skip, take])) as Array<{ id: number }>;
      ids = rows.map((r) => r.id);
    } else {
      const name = (await loadLeadFields(this.ds, [leadTypeId])).get(leadTypeId)?.byId.get(fieldId);
      if (name === undefined) throw DeliveryInputError.of('LeadFieldUID', `LeadFieldUID: ${fieldId} is not a field of lead type ${leadTypeId}`);
      // Criteria are evaluated in code (the scanner's compiler), so the filter runs before paging.
      const rows = (await this.ds.query(`SELECT id, criteria FROM delivery_accounts WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])) as Array<{ id: number; criteria: unknown }>;
      const field = { id: fieldId, name };
      ids = rows.filter((r) => criteriaAcceptFieldValue(r.criteria, field, search.Value ?? '')).slice(skip, skip + take).map((r) => r.id);
    }
    if (!ids.length) return [];
    return toSeedAccounts(this.ds, await this.records(this.ds, 'a.id = ANY($1::int[])', [ids]));
  }

  /** Create (ClientAccountUID 0 or absent) or modify; answers the account's id. */
  async save(clientId: number, input: DeliveryAccountInput): Promise<number> {
    if (input.ClientUID && input.ClientUID !== clientId) {
      throw DeliveryInputError.of('ClientUID', `ClientUID: the body says client ${input.ClientUID} but the path says ${clientId}`);
    }
    return this.ds.transaction(async (m) => {
      await this.requireClient(m, clientId);
      const accountId = input.ClientAccountUID ?? 0;
      let existing: AccountRecord | undefined;
      if (accountId !== 0) {
        [existing] = await this.records(m, 'a.id = $1 AND a.client_id = $2', [accountId, clientId], true);
        if (!existing) throw new DeliveryNotFoundError('delivery account', accountId);
      }
      const problems: DeliveryInputProblem[] = [];
      const method = await this.clientMethod(m, clientId, input.DeliveryUID, 'DeliveryUID', problems);
      await this.clientMethod(m, clientId, input.AlternatePosting, 'AlternatePosting', problems);
      const leadTypeId = await this.leadTypeOf(m, existing, input, method?.leadTypeId ?? null, problems);
      if (leadTypeId === undefined) throw new DeliveryInputError(problems);

      const row = mergeDeliveryAccount(existing?.row, input, clientId, leadTypeId);
      problems.push(...deliveryAccountProblems({ ...row, accountType: accountTypeOfStored(row.accountType) }));
      let criteria: unknown[] = existing?.criteria ?? [];
      if (input.Criteria) {
        const fields = (await loadLeadFields(m, [leadTypeId])).get(leadTypeId)?.byId ?? new Map<number, string>();
        const existingIds = new Set(criteria.flatMap((c) => (typeof (c as StoredDeliveryCriterion)?.id === 'number' ? [(c as StoredDeliveryCriterion).id] : [])));
        const mapped = criteriaFromSeed(input.Criteria, { fieldsById: fields, leadTypeId, existingIds });
        if (mapped.ok) criteria = await this.numbered(m, mapped.value);
        else problems.push(...mapped.problems);
      }
      if (problems.length) throw new DeliveryInputError(problems);

      // The worker's projection follows the account's method; an account that never had one keeps what it has.
      let projection: DeliveryMethodSettings | Record<string, unknown> | undefined;
      const methodRow = row.deliveryMethodId === null ? undefined : await this.methodRow(m, row.deliveryMethodId);
      if (methodRow) projection = projectDeliveryMethod(methodRow, row.alternateDeliveryMethodId, existing?.projection ?? {});
      else if (existing?.row.deliveryMethodId) projection = {};

      const values = [
        clientId, leadTypeId, row.name, row.status, row.accountType, row.price, row.hourMax, row.dayMax, row.weekMax, row.monthMax,
        row.useOrder, row.deliveryDelaySeconds, row.redirectUrl, row.automationEnabled, row.deliveryMethodId,
        row.alternateDeliveryMethodId, row.agentName, row.agentPhone, JSON.stringify(criteria),
      ];
      let id: number;
      if (existing) {
        await m.query(
          `UPDATE delivery_accounts SET client_id = $1, lead_type_id = $2, name = $3, status = $4, account_type = $5, price = $6,
                  hour_max = $7, day_max = $8, week_max = $9, month_max = $10, use_order = $11, delivery_delay_seconds = $12,
                  redirect_url = $13, automation_enabled = $14, delivery_method_id = $15, alternate_delivery_method_id = $16,
                  agent_name = $17, agent_phone = $18, criteria = $19::jsonb,
                  delivery_method = COALESCE($20::jsonb, delivery_method), updated_at = now()
            WHERE id = $21`,
          [...values, projection ? JSON.stringify(projection) : null, existing.row.id],
        );
        id = existing.row.id;
      } else {
        const [created] = (await m.query(
          `INSERT INTO delivery_accounts (client_id, lead_type_id, name, status, account_type, price, hour_max, day_max, week_max,
                  month_max, use_order, delivery_delay_seconds, redirect_url, automation_enabled, delivery_method_id,
                  alternate_delivery_method_id, agent_name, agent_phone, criteria, delivery_method)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb, COALESCE($20::jsonb, '{}'))
           RETURNING id`,
          [...values, projection ? JSON.stringify(projection) : null],
        )) as Array<{ id: number }>;
        id = created.id;
      }
      await this.changes.record(m, 'delivery_account', id);
      return id;
    });
  }

  /** Update Delivery Quantity Maxes: absent keeps, 0 or -1 removes the maximum. */
  async updateMaxes(clientId: number, accountId: number, input: DeliveryMaxesInput): Promise<true> {
    await this.ds.transaction(async (m) => {
      await this.requireClient(m, clientId);
      const sent = (v: number | undefined) => maxFromSeed(v);
      const [hour, day, week, month] = [sent(input.HourMax), sent(input.DailyMax), sent(input.WeeklyMax), sent(input.MonthlyMax)];
      const updated = (await m.query(
        `WITH u AS (
           UPDATE delivery_accounts SET
             hour_max = CASE WHEN $3 THEN $4::int ELSE hour_max END,
             day_max = CASE WHEN $5 THEN $6::int ELSE day_max END,
             week_max = CASE WHEN $7 THEN $8::int ELSE week_max END,
             month_max = CASE WHEN $9 THEN $10::int ELSE month_max END,
             updated_at = now()
           WHERE id = $1 AND client_id = $2 RETURNING id)
         SELECT id FROM u`,
        [accountId, clientId, hour !== undefined, hour ?? null, day !== undefined, day ?? null, week !== undefined, week ?? null, month !== undefined, month ?? null],
      )) as unknown[];
      if (!updated.length) throw new DeliveryNotFoundError('delivery account', accountId);
      await this.changes.record(m, 'delivery_account', accountId);
    });
    return true;
  }

  private async records(q: Queryable, where: string, params: unknown[], forUpdate = false): Promise<AccountRecord[]> {
    const rows = (await q.query(`SELECT ${ACCOUNT_COLUMNS} FROM delivery_accounts a WHERE ${where} ORDER BY a.id${forUpdate ? ' FOR UPDATE' : ''}`, params)) as Array<
      Record<string, unknown>
    >;
    return rows.map(accountRecordOf);
  }

  private async requireClient(q: Queryable, clientId: number): Promise<void> {
    const [client] = (await q.query(`SELECT id FROM clients WHERE id = $1`, [clientId])) as unknown[];
    if (!client) throw new DeliveryNotFoundError('client', clientId);
  }

  private async methodRow(q: Queryable, id: number) {
    const [row] = (await q.query(`SELECT ${METHOD_COLUMNS} FROM delivery_methods m WHERE m.id = $1`, [id])) as Array<Record<string, unknown>>;
    return row ? methodRowOf(row) : undefined;
  }

  /** The client's method a DeliveryUID/AlternatePosting names (0 or absent: none). */
  private async clientMethod(q: Queryable, clientId: number, id: number | undefined, field: string, problems: DeliveryInputProblem[]) {
    if (!id) return undefined;
    const method = await this.methodRow(q, id);
    if (!method || method.clientId !== clientId) {
      problems.push({ field, message: `${field}: delivery method ${id} is not a delivery method of client ${clientId}` });
      return undefined;
    }
    return method;
  }

  /**
   * The account's lead type: kept on modify, else its method's, else the LeadTypeUID extension. An
   * account's lead type never changes: its criteria name that lead type's fields.
   */
  private async leadTypeOf(
    q: Queryable,
    existing: AccountRecord | undefined,
    input: DeliveryAccountInput,
    methodLeadTypeId: number | null,
    problems: DeliveryInputProblem[],
  ): Promise<number | undefined> {
    const sent = input.LeadTypeUID || undefined;
    const current = existing?.row.leadTypeId;
    const fail = (field: string, message: string) => {
      problems.push({ field, message: `${field}: ${message}` });
      return undefined;
    };
    if (current !== undefined) {
      if (sent !== undefined && sent !== current) return fail('LeadTypeUID', `the lead type of delivery account ${existing?.row.id} is ${current} and cannot change`);
      if (methodLeadTypeId !== null && methodLeadTypeId !== current) return fail('DeliveryUID', `delivery method ${input.DeliveryUID} is for lead type ${methodLeadTypeId}, the account's is ${current}`);
      return problems.length ? undefined : current;
    }
    if (sent !== undefined && methodLeadTypeId !== null && sent !== methodLeadTypeId) {
      return fail('LeadTypeUID', `LeadTypeUID ${sent} differs from the lead type ${methodLeadTypeId} of delivery method ${input.DeliveryUID}`);
    }
    const leadTypeId = methodLeadTypeId ?? sent;
    if (leadTypeId === undefined) return fail('LeadTypeUID', 'a new delivery account needs a DeliveryUID whose method has a LeadTypeUID, or a LeadTypeUID');
    const [leadType] = (await q.query(`SELECT id FROM lead_types WHERE id = $1`, [leadTypeId])) as unknown[];
    if (!leadType) return fail('LeadTypeUID', `lead type ${leadTypeId} not found`);
    return problems.length ? undefined : leadTypeId;
  }

  /** Gives new criteria (id 0) their ClientCriteriaUID from the sequence. */
  private async numbered(m: EntityManager, criteria: StoredDeliveryCriterion[]): Promise<StoredDeliveryCriterion[]> {
    const fresh = criteria.filter((c) => c.id === 0).length;
    if (!fresh) return criteria;
    const ids = ((await m.query(`SELECT nextval('delivery_account_criteria_id_seq')::int AS id FROM generate_series(1, $1)`, [fresh])) as Array<{ id: number }>).map(
      (r) => r.id,
    );
    return criteria.map((c) => (c.id === 0 ? { ...c, id: ids.shift() as number } : c));
  }
}
