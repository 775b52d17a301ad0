import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryCompletedV1, DeliveryRequestedV1, EventEnvelope, LeadDisposition, LeadDistributedV1, LeadScreenedV1 } from '@leadx/contracts';
import { CriteriaEnvironment } from '@leadx/catalog-criteria';
import {
  AccountView, applicableLists, DistributionListMatch, EligibilityVerdict, evaluateAccount, rankAccounts, safeExpressionEvaluator,
} from '@leadx/distribution-domain';
import { EventContext, Outbox } from '@leadx/platform-messaging';
import { AccountMaxCounter } from './maxes/account-max-counter';
import { RoundRobinTurns } from './maxes/round-robin-turns';
import { OrderBook, OrderSlot } from './orders/order-book';
import { AccountSnapshot, CriteriaTexts, loadAccounts, ScannedAccount } from './scan/account-snapshot';

/** A scan-log line; accountId null for a line about the scan itself (the accounts the index skipped). */
interface ScanLogLine {
  accountId: number | null;
  passed: boolean;
  message: string;
}

export interface DistributeLeadOptions {
  /**
   * Delivery-account maxes. Without it (tests of other rules) an account with any max is
   * stopped (fail closed), never sent over its max.
   */
  maxes?: AccountMaxCounter;
  /** RoundRobin clients' turn counters, shared by replicas; without it, every lead starts at the first account. */
  turns?: RoundRobinTurns;
  /**
   * This replica's account snapshot and its State index: a scan evaluates only the accounts the
   * index finds for the lead. Without it every account of the lead type is read per lead.
   */
  snapshot?: AccountSnapshot;
}

const NOT_DELIVERED = ['failed', 'rejected'];

/**
 * Which delivery account types (seed 003 AccountType / scan types) may take each kind of lead:
 * a call transfer goes only to live-call buyers; posted and call leads to General, Redirect and IVR.
 */
const ACCOUNT_TYPES_BY_KIND: Record<string, string[]> = {
  general: ['General', 'Redirect'],
  calldata: ['General', 'Redirect', 'IVR'],
  transfer: ['LiveCall'],
};

class LeadNotFoundError extends Error {}

/** What a delivery request carries (DeliveryRequestedV1's payload). */
interface DeliveryRequest {
  leadId: number;
  leadUid: string;
  deliveryAccountId: number;
  clientId: number;
  assignmentId: number;
  price: number;
}

/** Manual scans (the scanner routes) narrow or widen the pipeline's scan. */
export interface ScanOptions {
  /** Account types to scan (the route's ScanType); default: by the lead's kind. */
  accountTypes?: string[];
  /** False: accounts with automation disabled are scanned too. Default true. */
  automated?: boolean;
  /** Only these delivery accounts (ForceIDs). */
  forceIds?: number[];
  /** Client Scanner IgnoreExclusive: the campaign's exclusive client does not restrict the scan. */
  ignoreExclusive?: boolean;
}

/** An eligible account found by a scan without sending (Client Scanner). */
export interface ScanMatch {
  clientId: number;
  accountId: number;
  accountName: string;
  clientName: string;
  price: number;
  automation: boolean;
  orderId: number;
  orderItemId: number;
}

const maxAccount = (a: ScannedAccount) => ({ id: a.id, timeZone: a.timeZone ?? '', hourMax: a.hourMax, dayMax: a.dayMax, weekMax: a.weekMax, monthMax: a.monthMax });

/** The clock and Expression/Function criteria through the safe engine (no zip index). */
const defaultEvaluator = safeExpressionEvaluator();
const defaultEnvironment = async (): Promise<CriteriaEnvironment> => ({ now: () => new Date(), evaluateExpression: defaultEvaluator });

interface LeadRow {
  id: number;
  uid: string;
  campaign_id: number;
  lead_type_id: number;
  fields: Record<string, string>;
  no_sell: boolean;
  max_sell: number;
  /** general, calldata or transfer: decides which account types may take it. */
  kind: string;
  /** When the source's sendDelay lets delivery start. */
  send_after: Date;
  /** The campaign's ExclusiveClientUID (campaigns.legacy), 0 when none. */
  exclusive_client_id: number;
}

/**
 * The scanner: picks the delivery accounts for a screened lead, requests deliveries up to the
 * campaign's MaxSell, and on a failed delivery moves down the ranking (the waterfall) until the
 * lead is sold MaxSell times or no eligible account is left. All state changes and the events that
 * announce them commit together in the consumer's transaction.
 */
export class DistributeLeadService {
  constructor(
    private readonly outbox: Outbox,
    private readonly environment: () => Promise<CriteriaEnvironment> = defaultEnvironment,
    private readonly options: DistributeLeadOptions = {},
  ) {}

  private readonly orders = new OrderBook();
  private readonly criteria = new CriteriaTexts();

  async onScreened(screened: LeadScreenedV1, ctx: EventContext): Promise<void> {
    const lead = await this.loadLead(ctx.manager, screened.leadId);
    // A lead screened again (an update with processDelivery) is distributed at most once: only a
    // lead held back by noSell, with no delivery ever requested, may start now.
    const [previous] = (await ctx.manager.query(
      `SELECT (SELECT disposition FROM lead_dispositions WHERE lead_id = $1) AS disposition,
              EXISTS (SELECT 1 FROM delivery_assignments WHERE lead_id = $1) AS assigned`,
      [lead.id],
    )) as Array<{ disposition: string | null; assigned: boolean }>;
    if (previous.assigned || (previous.disposition && previous.disposition !== 'not_sold_no_sell')) return;
    if (previous.disposition && !lead.no_sell) {
      await ctx.manager.query(`DELETE FROM lead_dispositions WHERE lead_id = $1`, [lead.id]);
    }
    if (screened.verdict === 'rejected' || screened.verdict === 'review') {
      await this.complete(ctx, lead, 'rejected', 0, 0);
      return;
    }
    if (lead.no_sell) {
      await this.complete(ctx, lead, 'not_sold_no_sell', 0, 0);
      return;
    }
    if (lead.send_after.getTime() > Date.now()) {
      // source.sendDelay: park the lead; releaseDue() distributes it when due, even after restarts.
      await ctx.manager.query(
        `INSERT INTO scheduled_distributions (lead_id, due_at, correlation_id) VALUES ($1, $2, $3) ON CONFLICT (lead_id) DO NOTHING`,
        [lead.id, lead.send_after, ctx.envelope.correlationId],
      );
      return;
    }
    await this.distribute(ctx, lead);
  }

  /**
   * Distributes parked leads whose delay has passed, each in its own transaction with its events.
   * SKIP LOCKED lets scanner replicas share the work; returns how many were released.
   */
  async releaseDue(dataSource: DataSource, limit = 50): Promise<number> {
    return (await this.releaseDueDistributions(dataSource, limit)) + (await this.releaseDueDeliveries(dataSource, limit));
  }

  /** Emits the delivery requests held by an account's DeliveryDelay once due (a batch per transaction). */
  async releaseDueDeliveries(dataSource: DataSource, limit = 50): Promise<number> {
    return dataSource.transaction(async (manager) => {
      const due = (await manager.query(
        `WITH released AS (
           DELETE FROM scheduled_deliveries WHERE assignment_id IN (
             SELECT assignment_id FROM scheduled_deliveries WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING assignment_id, correlation_id)
         SELECT d.id::int AS "assignmentId", d.lead_id::int AS "leadId", l.uid AS "leadUid", d.delivery_account_id AS "deliveryAccountId",
                a.client_id AS "clientId", d.price::float AS price, r.correlation_id
           FROM released r JOIN delivery_assignments d ON d.id = r.assignment_id JOIN leads l ON l.id = d.lead_id
           JOIN delivery_accounts a ON a.id = d.delivery_account_id`,
        [limit],
      )) as Array<DeliveryRequest & { correlation_id: string }>;
      for (const { correlation_id, ...request } of due) await this.emitRequested(manager, request, { correlationId: correlation_id, causationId: randomUUID() });
      return due.length;
    });
  }

  private async releaseDueDistributions(dataSource: DataSource, limit: number): Promise<number> {
    let released = 0;
    for (; released < limit; released++) {
      const done = await dataSource.transaction(async (manager) => {
        const [due] = (await manager.query(
          // A CTE: TypeORM returns [rows, count] for a bare DELETE ... RETURNING.
          `WITH released AS (
             DELETE FROM scheduled_distributions WHERE lead_id = (
               SELECT lead_id FROM scheduled_distributions WHERE due_at <= now() ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
             RETURNING lead_id::int AS lead_id, correlation_id)
           SELECT * FROM released`,
        )) as Array<{ lead_id: number; correlation_id: string }>;
        if (!due) return false;
        const envelope = { eventId: randomUUID(), correlationId: due.correlation_id } as EventEnvelope;
        const ctx = { envelope, manager, topic: 'compliance.lead.screened.v1', partition: -1, offset: '-1' } as EventContext;
        await this.distribute(ctx, await this.loadLead(manager, due.lead_id));
        return true;
      });
      if (!done) break;
    }
    return released;
  }

  private async distribute(ctx: EventContext, lead: LeadRow): Promise<void> {
    // A lead run again through automation keeps what it already has: only the remaining sales.
    const [{ taken }] = (await ctx.manager.query(
      `SELECT count(*) FILTER (WHERE status IN ('sold', 'requested', 'ambiguous'))::int AS taken FROM delivery_assignments WHERE lead_id = $1`,
      [lead.id],
    )) as Array<{ taken: number }>;
    const { ranked, verdicts, notes } = await this.scan(ctx.manager, lead);
    const requested = await this.requestUpTo(ctx, lead, ranked, Math.max(lead.max_sell - taken, 0), verdicts);
    await this.writeLog(ctx.manager, lead, [...notes, ...verdicts.values()]);
    if (requested.length) return;
    // Nothing new to try: the lead ends now unless a delivery of an earlier run is still pending.
    const [{ sold, pending, revenue }] = (await ctx.manager.query(
      `SELECT count(*) FILTER (WHERE status = 'sold')::int AS sold, count(*) FILTER (WHERE status = 'requested')::int AS pending,
              coalesce(sum(price) FILTER (WHERE status = 'sold'), 0)::float AS revenue
         FROM delivery_assignments WHERE lead_id = $1`,
      [lead.id],
    )) as Array<{ sold: number; pending: number; revenue: number }>;
    if (!pending) await this.complete(ctx, lead, sold > 0 ? 'sold' : 'unsold', sold, revenue);
  }

  /**
   * Requests the ranked accounts in order until `wanted` deliveries are requested, taking a slot of
   * each account's maxes first; an account at a max is skipped (and its log line says which).
   */
  private async requestUpTo(
    ctx: EventContext,
    lead: LeadRow,
    ranked: ScannedAccount[],
    wanted: number,
    verdicts?: Map<number, EligibilityVerdict>,
  ): Promise<Array<{ account: ScannedAccount; slot?: OrderSlot }>> {
    const requested: Array<{ account: ScannedAccount; slot?: OrderSlot }> = [];
    for (const account of ranked) {
      if (requested.length >= wanted) break;
      const stop = await this.reserveMax(ctx.manager, account);
      if (stop) {
        verdicts?.set(account.id, { accountId: account.id, passed: false, message: stop });
        continue;
      }
      let slot: OrderSlot | undefined;
      if (account.useOrder) {
        slot = await this.orders.take(ctx.manager, account);
        if (!slot) {
          await this.options.maxes?.release(maxAccount(account), new Date(), `unused:${randomUUID()}`);
          verdicts?.set(account.id, { accountId: account.id, passed: false, message: 'no open order item with room' });
          continue;
        }
        verdicts?.set(account.id, { accountId: account.id, passed: true, message: `${verdicts.get(account.id)?.message ?? 'passed'}; counted on order ${slot.orderId} item ${slot.itemId}` });
      }
      if (await this.requestDelivery(ctx, lead, account, slot)) requested.push({ account, slot });
      else {
        await this.options.maxes?.release(maxAccount(account), new Date(), `unused:${randomUUID()}`);
        if (slot) await this.orders.giveBack(ctx.manager, slot.itemId, account.price);
      }
    }
    return requested;
  }

  /** Takes a slot of the account's maxes; returns why it cannot take the lead, or undefined. */
  private async reserveMax(m: EntityManager, account: ScannedAccount): Promise<string | undefined> {
    const counter = this.options.maxes;
    const capped = [account.hourMax, account.dayMax, account.weekMax, account.monthMax].some((v) => v !== null && v > 0);
    if (!counter) return capped ? 'maxes cannot be checked (no counter)' : undefined;
    try {
      const r = await counter.reserve(maxAccount(account), m);
      return r.ok ? undefined : `${r.window} max of ${r.max} reached`;
    } catch (e: unknown) {
      if (e instanceof RangeError) return `maxes: ${e.message}`;
      throw e;
    }
  }

  /**
   * Client Scanner: the accounts that would take the lead now, in the order they would be tried,
   * without sending or reserving anything (maxes are checked when a delivery is requested).
   * Undefined when the lead does not exist. Unless allowOverMax, a lead already at its MaxSell
   * matches nothing.
   */
  async preview(m: EntityManager, leadId: number, options: ScanOptions & { allowOverMax?: boolean } = {}): Promise<ScanMatch[] | undefined> {
    const lead = await this.findLead(m, leadId);
    if (!lead) return undefined;
    const [{ taken }] = (await m.query(
      `SELECT count(*) FILTER (WHERE status IN ('sold', 'requested', 'ambiguous'))::int AS taken FROM delivery_assignments WHERE lead_id = $1`,
      [lead.id],
    )) as Array<{ taken: number }>;
    if (!options.allowOverMax && taken >= lead.max_sell) return [];
    const { ranked } = await this.scan(m, lead, options);
    const matches: ScanMatch[] = [];
    for (const a of ranked) {
      const slot = a.useOrder ? await this.orders.peek(m, a) : undefined;
      if (a.useOrder && !slot) continue;
      matches.push({
        clientId: a.clientId, accountId: a.id, accountName: a.name, clientName: a.clientName, price: a.price,
        automation: a.automationEnabled !== false, orderId: slot?.orderId ?? 0, orderItemId: slot?.itemId ?? 0,
      });
    }
    return matches;
  }

  /**
   * Run / Schedule Lead Automation: distributes the lead at `dueAt` through the scheduled
   * distributions (so it survives restarts). Answers why it cannot when the lead is sold,
   * rejected, noSell or has a delivery in progress.
   */
  async scheduleAutomation(m: EntityManager, leadId: number, dueAt: Date, correlationId: string): Promise<'scheduled' | 'not_found' | { conflict: string }> {
    const lead = await this.findLead(m, leadId);
    if (!lead) return 'not_found';
    const [state] = (await m.query(
      `SELECT (SELECT disposition FROM lead_dispositions WHERE lead_id = $1) AS disposition,
              EXISTS (SELECT 1 FROM delivery_assignments WHERE lead_id = $1 AND status = 'requested') AS pending`,
      [lead.id],
    )) as Array<{ disposition: string | null; pending: boolean }>;
    if (lead.no_sell) return { conflict: 'the lead is marked noSell' };
    if (state.pending) return { conflict: 'a delivery of the lead is in progress' };
    if (state.disposition && state.disposition !== 'unsold' && state.disposition !== 'not_sold_no_sell') {
      return { conflict: `the lead is already ${state.disposition}` };
    }
    // Its earlier "unsold" is no longer final; the run ends with a new completion.
    await m.query(`DELETE FROM lead_dispositions WHERE lead_id = $1`, [lead.id]);
    await m.query(
      `INSERT INTO scheduled_distributions (lead_id, due_at, correlation_id) VALUES ($1, $2, $3)
       ON CONFLICT (lead_id) DO UPDATE SET due_at = EXCLUDED.due_at, correlation_id = EXCLUDED.correlation_id`,
      [lead.id, dueAt, correlationId],
    );
    return 'scheduled';
  }

  /**
   * Auto Process Delivery: scans the lead now and requests one delivery (the best account, or
   * among ForceIDs). The delivery itself is asynchronous (the delivery worker): the answer says it
   * was queued, with the account and order it goes to.
   */
  async autosend(
    m: EntityManager,
    leadId: number,
    options: { allowOverMax?: boolean; forceIds?: number[]; correlationId: string },
  ): Promise<'not_found' | { stopped: string } | { account: ScanMatch }> {
    const lead = await this.findLead(m, leadId);
    if (!lead) return 'not_found';
    if (lead.no_sell) return { stopped: 'the lead is marked noSell' };
    const [{ taken }] = (await m.query(
      `SELECT count(*) FILTER (WHERE status IN ('sold', 'requested', 'ambiguous'))::int AS taken FROM delivery_assignments WHERE lead_id = $1`,
      [lead.id],
    )) as Array<{ taken: number }>;
    if (!options.allowOverMax && taken >= lead.max_sell) return { stopped: 'the lead is at its MaxSell' };
    const ctx = { envelope: { eventId: randomUUID(), correlationId: options.correlationId } as EventEnvelope, manager: m, topic: 'compliance.lead.screened.v1', partition: -1, offset: '-1' } as EventContext;
    const { ranked, verdicts, notes } = await this.scan(m, lead, { forceIds: options.forceIds, automated: false });
    const [sent] = await this.requestUpTo(ctx, lead, ranked, 1, verdicts);
    await this.writeLog(m, lead, [...notes, ...verdicts.values()]);
    if (!sent) return { stopped: 'no eligible delivery account' };
    // A new delivery is under way: an earlier "unsold" is no longer final.
    await m.query(`DELETE FROM lead_dispositions WHERE lead_id = $1 AND disposition IN ('unsold', 'not_sold_no_sell')`, [lead.id]);
    const a = sent.account;
    return {
      account: {
        clientId: a.clientId, accountId: a.id, accountName: a.name, clientName: a.clientName, price: a.price,
        automation: a.automationEnabled !== false, orderId: sent.slot?.orderId ?? 0, orderItemId: sent.slot?.itemId ?? 0,
      },
    };
  }

  /**
   * Client Scanner by Criteria: the clients (Active, with an Open account of the lead type) whose
   * account criteria accept the given field values, each with its best matching price. Delivery
   * days, maxes and orders are not considered: the question is about criteria. Undefined for an
   * unknown lead type.
   */
  async clientsByCriteria(m: EntityManager, leadTypeId: number, fields: Record<string, string>): Promise<Array<{ clientId: number; clientName: string; price: number }> | undefined> {
    if (!Number.isSafeInteger(leadTypeId) || leadTypeId < 1 || leadTypeId > 2_147_483_647) return undefined;
    const [type] = (await m.query(`SELECT id FROM lead_types WHERE id = $1`, [leadTypeId])) as unknown[];
    if (!type) return undefined;
    const rows = (await m.query(
      `SELECT a.id, a.client_id, c.name AS client_name, a.price::float AS price, a.criteria
         FROM delivery_accounts a JOIN clients c ON c.id = a.client_id
        WHERE a.lead_type_id = $1 AND a.status = 'Open' AND c.status = 'Active' ORDER BY a.client_id, a.id`,
      [leadTypeId],
    )) as Array<{ id: number; client_id: number; client_name: string; price: number; criteria: AccountView['criteria'] }>;
    const env = await this.environment();
    const best = new Map<number, { clientId: number; clientName: string; price: number }>();
    for (const r of rows) {
      const view: AccountView = { id: r.id, clientId: r.client_id, name: '', accountStatus: 'Open', clientStatus: 'Active', price: r.price, priority: 0, criteria: r.criteria };
      if (!evaluateAccount(view, fields, env, { automated: false }).passed) continue;
      const seen = best.get(r.client_id);
      if (!seen || seen.price < r.price) best.set(r.client_id, { clientId: r.client_id, clientName: r.client_name, price: r.price });
    }
    return [...best.values()];
  }

  /** Client Scanner Logs: one readable line per account scanned, oldest first; undefined for an unknown lead. */
  async logs(m: EntityManager, leadId: number): Promise<Array<{ leadId: number; at: Date; line: string }> | undefined> {
    if (!(await this.findLead(m, leadId))) return undefined;
    const rows = (await m.query(
      `SELECT s.lead_id::int AS lead_id, s.created_at, s.passed, s.message, s.delivery_account_id AS account_id, a.name
         FROM scan_logs s LEFT JOIN delivery_accounts a ON a.id = s.delivery_account_id WHERE s.lead_id = $1 ORDER BY s.id`,
      [leadId],
    )) as Array<{ lead_id: number; created_at: Date; passed: boolean; message: string; account_id: number | null; name: string | null }>;
    return rows.map((r) => ({
      leadId: r.lead_id,
      at: r.created_at,
      line: `${r.account_id === null ? 'scan' : `account ${r.account_id} "${r.name ?? ''}"`}: ${r.passed ? 'eligible' : 'stopped'}: ${r.message}`,
    }));
  }

  async onDeliveryCompleted(done: DeliveryCompletedV1, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    const [changed] = (await m.query(
      // A CTE: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING.
      `WITH old AS (SELECT id, status FROM delivery_assignments WHERE id = $1 FOR UPDATE),
            changed AS (UPDATE delivery_assignments d SET status = $2, updated_at = now() FROM old WHERE d.id = old.id
                        RETURNING old.status AS old_status, d.created_at, d.delivery_account_id, d.order_item_id, d.price::float AS price)
       SELECT changed.old_status, changed.created_at, changed.order_item_id, changed.price, a.id, c.time_zone
         FROM changed JOIN delivery_accounts a ON a.id = changed.delivery_account_id JOIN clients c ON c.id = a.client_id`,
      [done.assignmentId, done.outcome],
    )) as Array<{ old_status: string; created_at: Date; order_item_id: number | null; price: number; id: number; time_zone: string }>;
    // A delivery that did not take the lead gives its max slot back, once (a redelivered outcome finds the status already set).
    if (changed && NOT_DELIVERED.includes(done.outcome) && !NOT_DELIVERED.includes(changed.old_status)) {
      await this.options.maxes?.release({ id: changed.id, timeZone: changed.time_zone }, changed.created_at, done.assignmentId);
      if (changed.order_item_id !== null) await this.orders.giveBack(m, changed.order_item_id, changed.price);
    }
    const lead = await this.loadLead(m, done.leadId);
    const [{ sold, pending, revenue }] = (await m.query(
      `SELECT count(*) FILTER (WHERE status = 'sold')::int AS sold,
              count(*) FILTER (WHERE status = 'requested')::int AS pending,
              coalesce(sum(price) FILTER (WHERE status = 'sold'), 0)::float AS revenue
         FROM delivery_assignments WHERE lead_id = $1`,
      [lead.id],
    )) as Array<{ sold: number; pending: number; revenue: number }>;
    if (sold >= lead.max_sell) {
      await this.complete(ctx, lead, 'sold', sold, revenue);
      return;
    }
    if (done.outcome !== 'sold') {
      // Waterfall: the next eligible account that has not had this lead yet.
      const { ranked } = await this.scan(m, lead);
      if ((await this.requestUpTo(ctx, lead, ranked, 1)).length) return;
    }
    if (pending === 0) await this.complete(ctx, lead, sold > 0 ? 'sold' : 'unsold', sold, revenue);
  }

  /**
   * Eligible accounts not yet assigned this lead, ranked, every scanned account's verdict, and the
   * notes about the scan (one line for the accounts the snapshot's index left out).
   */
  private async scan(
    m: EntityManager,
    lead: LeadRow,
    options: ScanOptions = {},
  ): Promise<{ ranked: ScannedAccount[]; verdicts: Map<number, EligibilityVerdict>; notes: ScanLogLine[] }> {
    const types = new Set(options.accountTypes ?? ACCOUNT_TYPES_BY_KIND[lead.kind] ?? ACCOUNT_TYPES_BY_KIND['general']);
    // The lead's assignments are read per lead (never from the snapshot): never twice to one account.
    const assigned = new Set(
      ((await m.query(`SELECT delivery_account_id AS id FROM delivery_assignments WHERE lead_id = $1`, [lead.id])) as Array<{ id: number }>).map((r) => r.id),
    );
    const scannable = (a: ScannedAccount) => types.has(a.accountType) && !assigned.has(a.id);
    const notes: ScanLogLine[] = [];
    let accounts: ScannedAccount[];
    if (this.options.snapshot) {
      const { accounts: all, index } = await this.options.snapshot.get(m, lead.lead_type_id);
      accounts = [...new Set(index.candidates(lead.lead_type_id, lead.fields))].filter(scannable).sort((a, b) => a.id - b.id);
      const skipped = all.filter(scannable).length - accounts.length;
      if (skipped > 0) {
        const state = Object.entries(lead.fields).find(([k]) => k.toLowerCase() === index.field.toLowerCase())?.[1] ?? '';
        notes.push({ accountId: null, passed: false, message: `${skipped} account(s) not scanned: their criteria on ${index.field} exclude ${JSON.stringify(state)}` });
      }
    } else {
      accounts = (await loadAccounts(m, lead.lead_type_id, this.criteria)).filter(scannable);
    }
    const env = await this.environment();
    const lists = applicableLists(await this.listsFor(m, lead), lead.fields);
    const forced = options.forceIds?.length ? new Set(options.forceIds) : undefined;
    const verdicts = new Map(
      accounts.map((a) => [
        a.id,
        forced && !forced.has(a.id)
          ? { accountId: a.id, passed: false, message: 'not among the ForceIDs' }
          : evaluateAccount(a, lead.fields, env, { lists, automated: options.automated ?? true, exclusiveClientId: options.ignoreExclusive ? 0 : lead.exclusive_client_id }),
      ]),
    );
    const eligible = accounts.filter((a) => verdicts.get(a.id)?.passed);
    return { ranked: rankAccounts(eligible, await this.turnsFor(eligible)), verdicts, notes };
  }

  /** The active distribution lists of the lead's type, with the clients assigned to the lead's value. */
  private async listsFor(m: EntityManager, lead: LeadRow): Promise<DistributionListMatch[]> {
    return (await m.query(
      `SELECT l.name, f.name AS field, coalesce($2::jsonb ->> f.name, '') AS value, df.name AS "dependField", l.depend_value AS "dependValue",
              l.default_client_id AS "defaultClientId",
              ARRAY(SELECT a.client_id FROM distribution_list_items i JOIN distribution_list_assignments a ON a.item_id = i.id
                     WHERE i.list_id = l.id AND i.value_key = lower(btrim(coalesce($2::jsonb ->> f.name, '')))
                     ORDER BY a.client_id) AS "assignedClients"
         FROM distribution_lists l JOIN lead_type_fields f ON f.id = l.lead_field_id
         LEFT JOIN lead_type_fields df ON df.id = l.depend_field_id
        WHERE l.lead_type_id = $1 AND l.status = 1`,
      [lead.lead_type_id, JSON.stringify(lead.fields)],
    )) as DistributionListMatch[];
  }

  /** Advances the turn of each RoundRobin client with more than one eligible account. */
  private async turnsFor(eligible: ScannedAccount[]): Promise<Map<number, number>> {
    const turns = new Map<number, number>();
    if (!this.options.turns) return turns;
    const counts = new Map<number, number>();
    for (const a of eligible) if (a.automationType === 'RoundRobin') counts.set(a.clientId, (counts.get(a.clientId) ?? 0) + 1);
    for (const [clientId, n] of counts) if (n > 1) turns.set(clientId, await this.options.turns.next(clientId));
    return turns;
  }

  private async writeLog(m: EntityManager, lead: LeadRow, verdicts: ScanLogLine[]): Promise<void> {
    if (!verdicts.length) return;
    await m.query(
      `INSERT INTO scan_logs (lead_id, delivery_account_id, passed, message)
       SELECT $1, unnest($2::int[]), unnest($3::boolean[]), unnest($4::text[])`,
      [lead.id, verdicts.map((v) => v.accountId), verdicts.map((v) => v.passed), verdicts.map((v) => v.message)],
    );
  }

  /** False when the account already had this lead (never twice to the same account). */
  private async requestDelivery(ctx: EventContext, lead: LeadRow, account: ScannedAccount, slot?: OrderSlot): Promise<boolean> {
    const inserted = (await ctx.manager.query(
      `INSERT INTO delivery_assignments (lead_id, delivery_account_id, price, order_item_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lead_id, delivery_account_id) DO NOTHING RETURNING id`,
      [lead.id, account.id, account.price, slot?.itemId ?? null],
    )) as Array<{ id: string }>;
    if (!inserted.length) return false;
    const assignmentId = Number(inserted[0].id);
    if (account.deliveryDelaySeconds > 0) {
      // DeliveryDelay: the assignment exists (so the lead waits for it), its request is emitted when due.
      await ctx.manager.query(
        `INSERT INTO scheduled_deliveries (assignment_id, due_at, correlation_id) VALUES ($1, now() + make_interval(secs => $2), $3)`,
        [assignmentId, account.deliveryDelaySeconds, ctx.envelope.correlationId],
      );
      return true;
    }
    await this.emitRequested(ctx.manager, { leadId: lead.id, leadUid: lead.uid, deliveryAccountId: account.id, clientId: account.clientId, assignmentId, price: account.price }, {
      correlationId: ctx.envelope.correlationId,
      causationId: ctx.envelope.eventId,
    });
    return true;
  }

  private async emitRequested(m: EntityManager, request: DeliveryRequest, ids: { correlationId: string; causationId: string }): Promise<void> {
    await this.outbox.add(m, 'distribution.delivery.requested.v1', String(request.leadId), DeliveryRequestedV1.of(request), ids);
  }

  private async complete(ctx: EventContext, lead: LeadRow, disposition: LeadDisposition, sales: number, revenue: number): Promise<void> {
    const inserted = (await ctx.manager.query(
      `INSERT INTO lead_dispositions (lead_id, disposition, sales, revenue) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lead_id) DO NOTHING RETURNING lead_id`,
      [lead.id, disposition, sales, revenue],
    )) as unknown[];
    if (!inserted.length) return;
    await this.outbox.add(
      ctx.manager,
      'distribution.lead.completed.v1',
      String(lead.id),
      LeadDistributedV1.of({ leadId: lead.id, leadUid: lead.uid, disposition, sales, revenue }),
      { correlationId: ctx.envelope.correlationId, causationId: ctx.envelope.eventId },
    );
  }

  private async findLead(m: EntityManager, leadId: number): Promise<LeadRow | undefined> {
    if (!Number.isSafeInteger(leadId) || leadId < 1) return undefined;
    return (await this.loadLead(m, leadId).catch((e: unknown) => {
      if (e instanceof LeadNotFoundError) return undefined;
      throw e;
    }));
  }

  private async loadLead(m: EntityManager, leadId: number): Promise<LeadRow> {
    const rows = (await m.query(
      `SELECT l.id::int AS id, l.uid, l.campaign_id, l.lead_type_id, l.fields, l.no_sell, c.max_sell, l.kind,
              l.created_at + make_interval(secs => l.send_delay_hours * 3600) AS send_after,
              CASE WHEN c.legacy ->> 'ExclusiveClientUID' ~ '^[0-9]{1,9}$' THEN (c.legacy ->> 'ExclusiveClientUID')::int ELSE 0 END AS exclusive_client_id
         FROM leads l JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = $1`,
      [leadId],
    )) as LeadRow[];
    if (!rows[0]) throw new LeadNotFoundError(`lead ${leadId} not found`);
    return rows[0];
  }
}
