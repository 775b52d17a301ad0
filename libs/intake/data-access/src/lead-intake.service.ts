import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { compileCriteria } from '@leadx/catalog-criteria';
import { CampaignEntity } from '@leadx/catalog-data-access';
import { appendCityState, checkSourceIds, describeFieldErrors, IntakeResponseType, leadCost, PostedSourceIds } from '@leadx/intake-domain';
import { Outbox, OUTBOX_CHANNEL } from '@leadx/platform-messaging';
import { CampaignCapCounter, CapReservation } from './caps/campaign-cap-counter';
import { DuplicateDetector } from './duplicates/duplicate-detector';
import { DuplicateKey, duplicateLockId } from './duplicates/duplicate-keys';
import { IntakeRequestContext, IntakeRequestLog, LoggedRequest, SqlRunner } from './intake-request-log';
import { invalidResult, prepareLeadAcceptedEvent } from './lead-accepted-event';
import { LeadFieldRulesCache } from './lead-field-rules';
import { PingOrderStore } from './ping-order-store';
import { LeadEntity } from './lead.entity';

export interface IntakeLead {
  reference?: string;
  noSell?: boolean;
  fields: Record<string, string>;
  /** An inbound post's ping order and the consumer's offer picks (1-to-1 consent). */
  consentPicks?: { orderId?: string; offerIds: string[] };
  /** Call properties of a call lead (seed 002 insert/calldata). */
  callProperties?: Record<string, string | number>;
}

export interface IntakeBatch {
  /** Which insert endpoint: plain leads, call leads or call transfers. */
  kind?: 'general' | 'calldata' | 'transfer';
  source: PostedSourceIds & { sendDelay?: number; returnURL?: string };
  leads: IntakeLead[];
}

/** One result per posted lead, in the seed's vocabulary (seed 002 results[]). */
export interface IntakeResult {
  isValid: boolean;
  responseType: IntakeResponseType;
  responseMessage: string;
  leadId: number;
  campaignId: number;
  isPendingReview: boolean;
  price: number;
}

/** One ping's answer (seed 002 PingResponse, without offers). */
export interface PingOutcome {
  willAccept: boolean;
  orderId: string;
  orderExpiresOn: Date | null;
  estimatedPayout: number;
  campaignId: number;
  response: string;
}

export interface IntakeOutcome {
  requestId: string;
  results: IntakeResult[];
  /** true when this answers a retry from the request log instead of creating leads. */
  replayed: boolean;
  /** The campaign's answer settings (UseDeliveryQueue off or AllowSendResponse: deliver first). */
  responseMode?: { waitForDelivery: boolean; returnSends: boolean };
}

/**
 * The intake's transaction on a pooled pg client. `active` says whether BEGIN was sent: store()
 * sends it together with its first statement, or not at all when its single write needs none.
 */
class IntakeTransaction implements SqlRunner {
  active = false;

  constructor(private readonly client: PoolClient) {}

  /** One statement (extended protocol when `params` are given): its rows. */
  async query(sql: string, params?: unknown[]): Promise<unknown[]> {
    return (await this.client.query(sql, params)).rows as unknown[];
  }

  /** Several statements in one simple-protocol round trip (no parameters): the last one's rows. */
  async queryMany(sql: string): Promise<unknown[]> {
    const result = (await this.client.query(sql)) as QueryResult | QueryResult[];
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    return (last?.rows ?? []) as unknown[];
  }

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
    this.active = true;
  }

  async commit(): Promise<void> {
    if (!this.active) return;
    await this.client.query('COMMIT');
    this.active = false;
  }

  /** Rolls back whatever was begun (also a BEGIN sent in a statement that failed); the error when that failed. */
  async rollback(): Promise<Error | undefined> {
    try {
      await this.client.query('ROLLBACK');
      return undefined;
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }
}

/** A value for simple-protocol SQL text: only integers and byte strings, which cannot carry SQL. */
function literal(value: unknown): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (Buffer.isBuffer(value)) return `decode('${value.toString('hex')}', 'hex')`;
  throw new TypeError(`not a safe SQL literal: ${typeof value}`);
}

function hexLiteral(hex: string): string {
  if (!/^[0-9a-f]*$/.test(hex)) throw new TypeError('not a hex string');
  return hex;
}

/** A lead that passed the checks before the transaction, with its duplicate keys. */
interface Candidate {
  index: number;
  lead: LeadEntity;
  keys: DuplicateKey[];
}

interface Evaluation {
  campaign?: CampaignEntity;
  results: IntakeResult[];
  candidates: Candidate[];
}

/**
 * Accepts a batch of posted leads. Before the transaction: campaign, fields and campaign Rules
 * (Outside_Criteria). In ONE transaction: the request log row, then per lead in order the duplicate
 * check under per-key locks (Duplicate_Lead), an atomic cap reservation (Post_Over_Max: only leads
 * that will be stored take a slot), the lead with its duplicate keys and its
 * `intake.lead.accepted.v1` outbox event. A lead id in the response always means the lead is
 * committed and its event will be published; a failed transaction gives its cap slots back.
 */
export class LeadIntakeService {
  private readonly requestLog = new IntakeRequestLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly caps: CampaignCapCounter,
    private readonly duplicates: DuplicateDetector,
    private readonly fieldRules: LeadFieldRulesCache = new LeadFieldRulesCache(dataSource),
    private readonly pingOrders?: PingOrderStore,
    private readonly campaignCacheMs = 5_000,
  ) {}

  /**
   * `POST /v2/insert/ping` from the campaign's static price (until ping auctions exist): the
   * campaign's checks and the Rules whose fields the ping carries (the others wait for the post),
   * then an order in Redis that a post can use once, within `orderTtlSeconds`.
   */
  async ping(leadSourceId: number, source: PostedSourceIds, fields: Record<string, string>, orderTtlSeconds: number): Promise<PingOutcome> {
    const campaign = await this.findCampaign(leadSourceId, source);
    const refused = checkSourceIds(source, leadSourceId, campaign);
    const decline = (response: string, campaignId = 0): PingOutcome => ({ willAccept: false, orderId: '', orderExpiresOn: null, estimatedPayout: 0, campaignId, response });
    if (refused || !campaign) return decline(refused?.message ?? 'no campaign found');
    if (!this.pingOrders) return decline('pings are not enabled', campaign.id);
    const present = (campaign.rules ?? []).filter((r) => (fields[r.field] ?? '').trim() !== '');
    const ruled = compileCriteria(present).evaluate(fields, await this.fieldRules.criteriaEnvironment());
    if (!ruled.passed) return decline(`campaign rule not met: ${ruled.failed?.reason ?? ''}`, campaign.id);
    const estimatedPayout = leadCost(campaign);
    const order = await this.pingOrders.create({ leadSourceId, campaignId: campaign.id, fields, estimatedPayout }, orderTtlSeconds);
    return {
      willAccept: true,
      orderId: order.orderId,
      orderExpiresOn: new Date(order.expiresAt),
      estimatedPayout,
      campaignId: campaign.id,
      response: 'Coverage found, please supply the Order ID in the POST',
    };
  }

  /** An inbound post's order: used once, by its source, for its campaign, with agreeing fields. */
  private async checkOrder(leadSourceId: number, campaign: CampaignEntity, orderId: string, fields: Record<string, string>): Promise<string | undefined> {
    if (!this.pingOrders) return 'orderId: pings are not enabled';
    const used = await this.pingOrders.consume(orderId, leadSourceId);
    if (!used.ok) return `orderId ${orderId} is unknown, expired or already used`;
    if (used.order.campaignId !== campaign.id) return `orderId ${orderId} belongs to another campaign`;
    const norm = (v: string | undefined) => (v ?? '').trim().toLowerCase();
    const differing = Object.keys(used.order.fields).filter((k) => fields[k] !== undefined && norm(fields[k]) !== norm(used.order.fields[k]));
    if (differing.length) return `the post's ${differing.join(', ')} differ from the ping`;
    return undefined;
  }

  async accept(leadSourceId: number, batch: IntakeBatch, request: IntakeRequestContext): Promise<IntakeOutcome> {
    const requestId = request.requestId ?? randomUUID();
    const hasReferences = batch.leads.length > 0 && batch.leads.every((l) => !!l.reference);
    const evaluation = await this.evaluate(leadSourceId, batch, requestId);
    const reservations: CapReservation[] = [];
    const c = evaluation.campaign;
    const responseMode = c ? { waitForDelivery: !c.useDeliveryQueue || c.allowSendResponse, returnSends: c.allowSendResponse } : undefined;
    // The pg client itself, not the ORM's transaction: this runs for every lead, and merging BEGIN
    // into the first statement (see store) needs the simple query protocol.
    const client = await this.pgPool().connect();
    const tx = new IntakeTransaction(client);
    let broken: Error | undefined;
    try {
      // With an Idempotency-Key the unique index decides, before anything else (see claim()).
      if (request.idempotencyKey) {
        await tx.begin();
        const earlier = await this.requestLog.claim<IntakeResult>(tx, leadSourceId, requestId, request, hasReferences);
        if (earlier) {
          await tx.commit();
          return { ...earlier, replayed: true, responseMode };
        }
      }
      const earlier = await this.store(tx, leadSourceId, evaluation, requestId, request, hasReferences, reservations);
      await tx.commit();
      if (earlier) return { ...earlier, replayed: true, responseMode };
      return { requestId, results: evaluation.results, replayed: false, responseMode };
    } catch (err) {
      broken = await tx.rollback();
      await Promise.all(reservations.map((r) => this.caps.release(r)));
      throw err;
    } finally {
      // A connection whose rollback failed is destroyed, never handed back with a transaction open.
      client.release(broken);
    }
  }

  private pgPool(): Pool {
    const master: unknown = (this.dataSource.driver as { master?: unknown }).master;
    if (!master || typeof (master as Pool).connect !== 'function') throw new Error('LeadIntakeService needs a postgres DataSource');
    return master as Pool;
  }

  /** Checks that need no transaction: ids, campaign, fields, Rules. */
  private async evaluate(leadSourceId: number, batch: IntakeBatch, requestId: string): Promise<Evaluation> {
    const campaign = await this.findCampaign(leadSourceId, batch.source);
    const rejection = checkSourceIds(batch.source, leadSourceId, campaign);
    if (rejection || !campaign) {
      const r = rejection ?? { responseType: 'No_Account_Found' as const, message: 'no campaign found' };
      return { campaign, candidates: [], results: batch.leads.map(() => invalidResult(r.responseType, r.message, campaign?.id ?? 0)) };
    }
    const fieldRules = await this.fieldRules.forLeadType(campaign.leadTypeId);
    const zips = campaign.appendCityState ? await this.fieldRules.zipData() : undefined;
    const env = await this.fieldRules.criteriaEnvironment();
    const rules = compileCriteria(campaign.rules ?? []);
    const price = leadCost(campaign);
    const results: IntakeResult[] = new Array(batch.leads.length);
    const candidates: Candidate[] = [];
    for (const [index, posted] of batch.leads.entries()) {
      // Accepting consumer picks without honouring them would send the lead to buyers the
      // consumer did not choose: refuse offerIds until offers and consent records exist.
      if (posted.consentPicks?.offerIds.length) {
        results[index] = invalidResult('Data_Errors', 'offerIds (1-to-1 consent posts) are not enabled on this platform yet', campaign.id);
        continue;
      }
      if (posted.consentPicks?.orderId) {
        const orderProblem = await this.checkOrder(leadSourceId, campaign, posted.consentPicks.orderId, posted.fields);
        if (orderProblem) {
          results[index] = invalidResult('Data_Errors', orderProblem, campaign.id);
          continue;
        }
      }
      const withPlace = zips ? appendCityState(posted.fields, (zip) => zips.cityStateFor(zip)) : posted.fields;
      const checked = fieldRules.validate(withPlace);
      if (checked.errors.length) {
        results[index] = invalidResult('Data_Errors', describeFieldErrors(checked.errors), campaign.id);
        continue;
      }
      const fields = checked.fields;
      const ruled = rules.evaluate(fields, env);
      if (!ruled.passed) {
        results[index] = invalidResult('Outside_Criteria', `campaign rule not met: ${ruled.failed?.reason ?? ''}`, campaign.id);
        continue;
      }
      const lead = Object.assign(new LeadEntity(), {
        uid: randomUUID(),
        requestId,
        leadSourceId,
        campaignId: campaign.id,
        leadTypeId: campaign.leadTypeId,
        reference: posted.reference || null,
        fields,
        status: 'accepted',
        sendDelayHours: batch.source.sendDelay ?? 0,
        noSell: posted.noSell ?? false,
        // useQCBin: leads wait in the quality-control bin before anyone may buy them.
        pendingReview: campaign.useQcBin,
        price,
        kind: batch.kind ?? 'general',
        properties: posted.callProperties ?? {},
        returnUrl: batch.source.returnURL || null,
      });
      candidates.push({ index, lead, keys: await this.duplicates.keysFor(campaign.leadTypeId, fields) });
    }
    return { campaign, results, candidates };
  }

  /**
   * Everything of the transaction after an Idempotency-Key claim, in as few round trips as the
   * guarantees allow (a single-lead request: 3 statements plus the cap reservation in Redis):
   *
   * 1. Locks, in one statement and one global order: the replay lock of a request without an
   *    Idempotency-Key whose leads all carry references (IntakeRequestLog.replayLock), then the
   *    batch's duplicate keys, sorted. Keys are locked only when the campaign scans for duplicates
   *    (DupDayMax > 0): a lead of a campaign that does not scan may be stored concurrently with a
   *    scanning twin, which is what the serial order "scanning twin first" gives as well.
   * 2. One statement, after the locks (so its snapshot sees what committed while we waited): the
   *    earlier request this one repeats, the earliest stored lead per candidate sharing a key
   *    within DupDayMax, and one lead id per candidate from the leads sequence.
   * 3. Per candidate, in order: Duplicate_Lead (a stored lead, or an earlier lead of this batch,
   *    shares a key), else an atomic cap reservation in Redis (Post_Over_Max; pushed onto
   *    `reservations`, which the caller releases if the transaction fails), else stored.
   * 4. One statement: the stored leads, their duplicate keys (also when DupDayMax is 0: another
   *    campaign of the lead type may scan for them), their `intake.lead.accepted.v1` outbox rows,
   *    the request log row with the results, and the relay's NOTIFY. The outbox rows skip
   *    Outbox.add's per-key lock: their key is a lead id created in this transaction, so no other
   *    transaction can emit for it before this one commits.
   *
   * Returns the earlier request when this one is a retry of it (nothing is written then).
   */
  private async store(
    tx: IntakeTransaction,
    leadSourceId: number,
    evaluation: Evaluation,
    requestId: string,
    request: IntakeRequestContext,
    hasReferences: boolean,
    reservations: CapReservation[],
  ): Promise<LoggedRequest<IntakeResult> | undefined> {
    const { campaign, results } = evaluation;
    const candidates = campaign ? evaluation.candidates : [];
    const scan = !!campaign && Number.isFinite(campaign.dupDayMax) && campaign.dupDayMax > 0;
    const replayLock = this.requestLog.replayLock(request, hasReferences);
    const lockIds = scan ? [...new Set(candidates.flatMap((c) => c.keys.map(duplicateLockId)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [];

    // Statements 1 and 2 as ONE simple-protocol query (several statements, each with a fresh
    // snapshot in READ COMMITTED, so the SELECT sees what committed while the locks waited). Simple
    // protocol has no parameters: every value in it is a number or a hash we computed (`literal`).
    const head: string[] = [];
    if (replayLock !== undefined || lockIds.length) {
      if (!tx.active) head.push('BEGIN');
      tx.active = true;
      // unnest yields in array order: the replay lock first, then the keys in sorted order.
      const keys = [...(replayLock !== undefined ? [`hashtextextended('${hexLiteral(replayLock)}', ${literal(leadSourceId)})`] : []), ...lockIds.map(String)];
      head.push(`SELECT count(pg_advisory_xact_lock(k)) FROM unnest(ARRAY[${keys.join(', ')}]::bigint[]) AS k`);
    }
    let ids: string[] = [];
    const duplicateOf = new Map<number, number>();
    if (replayLock !== undefined || candidates.length) {
      const twin = replayLock !== undefined ? this.requestLog.twinQuery(literal, leadSourceId, request) : 'NULL::json';
      const scanned = candidates.flatMap((c, n) => (scan ? c.keys.map((k) => ({ n, hash: k.hash })) : []));
      const dups = scanned.length
        ? `ARRAY(SELECT DISTINCT ON (u.n) u.n || ':' || d.lead_id
                   FROM unnest(ARRAY[${scanned.map((k) => literal(k.n)).join(', ')}]::int[], ARRAY[${scanned.map((k) => literal(k.hash)).join(', ')}]::bytea[]) AS u(n, h)
                   JOIN lead_duplicate_keys d ON d.lead_type_id = ${literal(campaign?.leadTypeId)} AND d.key_hash = u.h
                    AND d.created_at >= now() - '${Number(campaign?.dupDayMax)}'::float8 * interval '1 day'
                  ORDER BY u.n, d.created_at, d.lead_id)`
        : 'ARRAY[]::text[]';
      head.push(`SELECT ${twin} AS twin, ${dups} AS dups,
                        ARRAY(SELECT nextval(pg_get_serial_sequence('leads', 'id'))::text FROM generate_series(1, ${literal(candidates.length)})) AS ids`);
    }
    if (head.length) {
      const rows = (await tx.queryMany(head.join(';\n'))) as Array<{ twin: { id: string; results: IntakeResult[] } | null; dups: string[]; ids: string[] }>;
      const row = rows[0];
      if (row?.twin) return { requestId: row.twin.id, results: row.twin.results };
      ids = row?.ids ?? [];
      for (const d of row?.dups ?? []) {
        const [n, leadId] = d.split(':');
        duplicateOf.set(Number(n), Number(leadId));
      }
    }

    const stored: Candidate[] = [];
    const storedKeys = new Map<string, number>();
    for (const [n, c] of candidates.entries()) {
      if (!campaign) break;
      if (scan) {
        let original = duplicateOf.get(n);
        // A twin earlier in this batch (stored in this transaction, so after every stored lead).
        if (original === undefined) {
          for (const k of c.keys) {
            const id = storedKeys.get(k.hash.toString('hex'));
            if (id !== undefined && (original === undefined || id < original)) original = id;
          }
        }
        if (original !== undefined) {
          results[c.index] = invalidResult('Duplicate_Lead', `duplicate of lead ${original} within ${campaign.dupDayMax} days`, campaign.id);
          continue;
        }
      }
      const cap = await this.caps.reserve(campaign, 1, new Date(), tx);
      if (!cap.ok) {
        results[c.index] = invalidResult('Post_Over_Max', `campaign ${cap.window} max of ${cap.max} leads reached`, campaign.id);
        continue;
      }
      reservations.push(cap.reservation);
      c.lead.id = Number(ids[n]);
      for (const k of c.keys) {
        const hex = k.hash.toString('hex');
        if (!storedKeys.has(hex)) storedKeys.set(hex, c.lead.id);
      }
      stored.push(c);
      results[c.index] = {
        isValid: true,
        responseType: 'No_Error',
        responseMessage: c.lead.pendingReview ? 'Lead was accepted and is pending review' : 'Lead was accepted',
        leadId: c.lead.id,
        campaignId: campaign.id,
        isPendingReview: c.lead.pendingReview,
        price: c.lead.price,
      };
    }

    // Statement 3: ONE statement (atomic on its own when no lock made this a transaction).
    const params: unknown[] = [];
    const bind = (value: unknown): string => `$${params.push(value)}`;
    const ctes: string[] = [];
    if (stored.length) {
      const leads = stored.map((c) => c.lead);
      const col = <V>(f: (l: LeadEntity) => V) => leads.map(f);
      ctes.push(`stored_leads AS (
        INSERT INTO leads (id, uid, request_id, lead_source_id, campaign_id, lead_type_id, reference, fields, status, send_delay_hours,
                           no_sell, pending_review, price, kind, properties, return_url)
        SELECT * FROM unnest(${bind(col((l) => l.id))}::bigint[], ${bind(col((l) => l.uid))}::uuid[], ${bind(col((l) => l.requestId))}::uuid[],
          ${bind(col((l) => l.leadSourceId))}::int[], ${bind(col((l) => l.campaignId))}::int[], ${bind(col((l) => l.leadTypeId))}::int[],
          ${bind(col((l) => l.reference))}::text[], ${bind(col((l) => JSON.stringify(l.fields)))}::jsonb[], ${bind(col((l) => l.status))}::text[],
          ${bind(col((l) => l.sendDelayHours))}::numeric[], ${bind(col((l) => l.noSell))}::boolean[], ${bind(col((l) => l.pendingReview))}::boolean[],
          ${bind(col((l) => l.price))}::numeric[], ${bind(col((l) => l.kind))}::text[], ${bind(col((l) => JSON.stringify(l.properties)))}::jsonb[],
          ${bind(col((l) => l.returnUrl))}::text[]))`);
      const keys = stored.flatMap((c) => c.keys.map((k) => ({ leadId: c.lead.id, setId: k.setId, hash: k.hash })));
      if (keys.length) {
        // The foreign key to stored_leads is checked at the end of the statement, after every part of it ran.
        ctes.push(`stored_keys AS (
          INSERT INTO lead_duplicate_keys (lead_id, lead_type_id, set_id, key_hash)
          SELECT l, ${bind(campaign?.leadTypeId)}::int, s, h FROM unnest(${bind(keys.map((k) => k.leadId))}::bigint[], ${bind(keys.map((k) => k.setId))}::int[],
            ${bind(keys.map((k) => k.hash))}::bytea[]) AS u(l, s, h))`);
      }
      const events = stored.map((c) => prepareLeadAcceptedEvent(this.outbox, c.lead, requestId));
      ctes.push(`stored_events AS (
        INSERT INTO outbox (service, topic, message_key, envelope)
        SELECT * FROM unnest(${bind(events.map((e) => e.service))}::text[], ${bind(events.map((e) => e.topic))}::text[],
          ${bind(events.map((e) => e.key))}::text[], ${bind(events.map((e) => e.envelope))}::jsonb[]))`);
    }
    ctes.push(`logged AS (${this.requestLog.completion(bind, leadSourceId, requestId, request, hasReferences, results)})`);
    await tx.query(`WITH ${ctes.join(',\n')}\nSELECT ${stored.length ? `pg_notify(${bind(OUTBOX_CHANNEL)}, ${bind(this.outbox.service)})` : '1'}`, params);
    return undefined;
  }

  /** Campaign lookups are cached briefly: every post needs one, and configuration changes rarely. */
  private readonly campaigns = new Map<string, { campaign: CampaignEntity | undefined; expiresAt: number }>();

  /** Drops the cached campaigns (an Account API change was announced). */
  forgetCampaigns(): void {
    this.campaigns.clear();
  }

  private async findCampaign(leadSourceId: number, ids: PostedSourceIds): Promise<CampaignEntity | undefined> {
    if (!ids.vid || !ids.lid || ids.vid !== leadSourceId) return undefined;
    const key = `${leadSourceId}:${ids.lid}:${ids.aid ?? ''}`;
    const hit = this.campaigns.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.campaign;
    const campaign = await this.loadCampaign(leadSourceId, ids);
    if (this.campaigns.size > 10_000) this.campaigns.clear();
    this.campaigns.set(key, { campaign, expiresAt: Date.now() + this.campaignCacheMs });
    return campaign;
  }

  private async loadCampaign(leadSourceId: number, ids: PostedSourceIds): Promise<CampaignEntity | undefined> {
    if (!ids.lid) return undefined;
    const repo = this.dataSource.getRepository(CampaignEntity);
    if (ids.aid) return (await repo.findOne({ where: { id: ids.aid, leadSourceId } })) ?? undefined;
    // No aid: the source's campaign for that lead type, active ones first (seed 002: aid optional).
    const candidates = await repo.find({ where: { leadSourceId, leadTypeId: ids.lid }, order: { id: 'ASC' } });
    return candidates.find((c) => c.status === 'Active') ?? candidates[0];
  }
}
