import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryCompletedV1, DeliveryRequestedV1, EventEnvelope, LeadDisposition, LeadDistributedV1, LeadScreenedV1 } from '@leadx/contracts';
import { CriteriaEnvironment } from '@leadx/catalog-criteria';
import { AccountView, evaluateAccount, rankAccounts } from '@leadx/distribution-domain';
import { EventContext, Outbox } from '@leadx/platform-messaging';

/**
 * Which delivery account types (seed 003 AccountType / scan types) may take each kind of lead:
 * a call transfer goes only to live-call buyers; posted and call leads to General, Redirect and IVR.
 */
const ACCOUNT_TYPES_BY_KIND: Record<string, string[]> = {
  general: ['General', 'Redirect'],
  calldata: ['General', 'Redirect', 'IVR'],
  transfer: ['LiveCall'],
};

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
    private readonly environment: () => Promise<CriteriaEnvironment> = async () => ({ now: () => new Date() }),
  ) {}

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
    const eligible = await this.scan(ctx.manager, lead, true);
    const chosen = eligible.slice(0, lead.max_sell);
    if (!chosen.length) {
      await this.complete(ctx, lead, 'unsold', 0, 0);
      return;
    }
    for (const account of chosen) await this.requestDelivery(ctx, lead, account);
  }

  async onDeliveryCompleted(done: DeliveryCompletedV1, ctx: EventContext): Promise<void> {
    const m = ctx.manager;
    await m.query(`UPDATE delivery_assignments SET status = $2, updated_at = now() WHERE id = $1`, [done.assignmentId, done.outcome]);
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
      const [next] = await this.scan(m, lead, false);
      if (next) {
        await this.requestDelivery(ctx, lead, next);
        return;
      }
    }
    if (pending === 0) await this.complete(ctx, lead, sold > 0 ? 'sold' : 'unsold', sold, revenue);
  }

  /** Eligible accounts not yet assigned this lead, ranked. Logs every verdict on the first scan. */
  private async scan(m: EntityManager, lead: LeadRow, writeLog: boolean): Promise<AccountView[]> {
    const rows = (await m.query(
      `SELECT a.id, a.client_id, a.name, a.status AS account_status, c.status AS client_status,
              a.price::float AS price, a.priority, a.criteria
         FROM delivery_accounts a JOIN clients c ON c.id = a.client_id
        WHERE a.lead_type_id = $1 AND a.account_type = ANY($3::text[])
          AND NOT EXISTS (SELECT 1 FROM delivery_assignments d WHERE d.lead_id = $2 AND d.delivery_account_id = a.id)`,
      [lead.lead_type_id, lead.id, ACCOUNT_TYPES_BY_KIND[lead.kind] ?? ACCOUNT_TYPES_BY_KIND['general']],
    )) as Array<{ id: number; client_id: number; name: string; account_status: string; client_status: string; price: number; priority: number; criteria: AccountView['criteria'] }>;
    const accounts: AccountView[] = rows.map((r) => ({
      id: r.id, clientId: r.client_id, name: r.name, accountStatus: r.account_status, clientStatus: r.client_status,
      price: r.price, priority: r.priority, criteria: r.criteria,
    }));
    const env = await this.environment();
    const verdicts = accounts.map((a) => evaluateAccount(a, lead.fields, env));
    if (writeLog && verdicts.length) {
      await m.query(
        `INSERT INTO scan_logs (lead_id, delivery_account_id, passed, message)
         SELECT $1, unnest($2::int[]), unnest($3::boolean[]), unnest($4::text[])`,
        [lead.id, verdicts.map((v) => v.accountId), verdicts.map((v) => v.passed), verdicts.map((v) => v.message)],
      );
    }
    const passed = new Set(verdicts.filter((v) => v.passed).map((v) => v.accountId));
    return rankAccounts(accounts.filter((a) => passed.has(a.id)));
  }

  private async requestDelivery(ctx: EventContext, lead: LeadRow, account: AccountView): Promise<void> {
    const inserted = (await ctx.manager.query(
      `INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) VALUES ($1, $2, $3)
       ON CONFLICT (lead_id, delivery_account_id) DO NOTHING RETURNING id`,
      [lead.id, account.id, account.price],
    )) as Array<{ id: string }>;
    if (!inserted.length) return; // already assigned: never twice to the same account
    await this.outbox.add(
      ctx.manager,
      'distribution.delivery.requested.v1',
      String(lead.id),
      DeliveryRequestedV1.of({
        leadId: lead.id,
        leadUid: lead.uid,
        deliveryAccountId: account.id,
        clientId: account.clientId,
        assignmentId: Number(inserted[0].id),
        price: account.price,
      }),
      { correlationId: ctx.envelope.correlationId, causationId: ctx.envelope.eventId },
    );
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

  private async loadLead(m: EntityManager, leadId: number): Promise<LeadRow> {
    const rows = (await m.query(
      `SELECT l.id::int AS id, l.uid, l.campaign_id, l.lead_type_id, l.fields, l.no_sell, c.max_sell, l.kind,
              l.created_at + make_interval(secs => l.send_delay_hours * 3600) AS send_after
         FROM leads l JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = $1`,
      [leadId],
    )) as LeadRow[];
    if (!rows[0]) throw new Error(`lead ${leadId} not found`);
    return rows[0];
  }
}
