import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { compileCriteria } from '@leadx/catalog-criteria';
import { CampaignEntity } from '@leadx/catalog-data-access';
import { appendCityState, checkSourceIds, describeFieldErrors, IntakeResponseType, leadCost, PostedSourceIds } from '@leadx/intake-domain';
import { Outbox } from '@leadx/platform-messaging';
import { CampaignCapCounter, CapReservation } from './caps/campaign-cap-counter';
import { DuplicateDetector } from './duplicates/duplicate-detector';
import { DuplicateKey } from './duplicates/duplicate-keys';
import { IntakeRequestContext, IntakeRequestLog } from './intake-request-log';
import { addLeadAcceptedEvent, invalidResult } from './lead-accepted-event';
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
    try {
      const outcome: IntakeOutcome = await this.dataSource.transaction(async (manager) => {
        const earlier = await this.requestLog.claim<IntakeResult>(manager, leadSourceId, requestId, request, hasReferences);
        if (earlier) return { ...earlier, replayed: true };
        await this.store(manager, leadSourceId, evaluation, requestId, reservations);
        await this.requestLog.complete(manager, leadSourceId, requestId, request, hasReferences, evaluation.results);
        return { requestId, results: evaluation.results, replayed: false };
      });
      return { ...outcome, responseMode };
    } catch (err) {
      await Promise.all(reservations.map((r) => this.caps.release(r)));
      throw err;
    }
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
   * Stores the candidates in order inside the transaction, pushing each cap reservation it takes
   * onto `reservations` (the caller releases them if the transaction fails). Keys are locked first,
   * in one sorted pass, so concurrent twins serialise and neither deadlocks; recording each lead's
   * keys before checking the next catches twins within one batch too.
   */
  private async store(manager: EntityManager, leadSourceId: number, evaluation: Evaluation, requestId: string, reservations: CapReservation[]): Promise<void> {
    const { campaign, candidates, results } = evaluation;
    if (!campaign || !candidates.length) return;
    await this.duplicates.lock(manager, candidates.flatMap((c) => c.keys));
    for (const c of candidates) {
      const original = campaign.dupDayMax > 0 ? await this.duplicates.findDuplicate(manager, campaign.leadTypeId, c.keys, campaign.dupDayMax) : undefined;
      if (original !== undefined) {
        results[c.index] = invalidResult('Duplicate_Lead', `duplicate of lead ${original} within ${campaign.dupDayMax} days`, campaign.id);
        continue;
      }
      const cap = await this.caps.reserve(campaign, 1, new Date(), manager);
      if (!cap.ok) {
        results[c.index] = invalidResult('Post_Over_Max', `campaign ${cap.window} max of ${cap.max} leads reached`, campaign.id);
        continue;
      }
      reservations.push(cap.reservation);
      const l = c.lead;
      // Plain SQL: this runs for every lead, and the ORM's insert path costs more CPU than the query.
      const [row] = (await manager.query(
        `INSERT INTO leads (uid, request_id, lead_source_id, campaign_id, lead_type_id, reference, fields, status, send_delay_hours,
                            no_sell, pending_review, price, kind, properties, return_url)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id::int AS id`,
        [l.uid, l.requestId, l.leadSourceId, l.campaignId, l.leadTypeId, l.reference, JSON.stringify(l.fields), l.status, l.sendDelayHours,
         l.noSell, l.pendingReview, l.price, l.kind, JSON.stringify(l.properties), l.returnUrl],
      )) as Array<{ id: number }>;
      l.id = row.id;
      await this.duplicates.record(manager, c.lead.id, campaign.leadTypeId, c.keys);
      await addLeadAcceptedEvent(this.outbox, manager, c.lead, requestId);
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
