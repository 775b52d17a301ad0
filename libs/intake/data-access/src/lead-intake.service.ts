import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { LeadAcceptedV1 } from '@leadx/contracts';
import { CampaignEntity, LeadTypeFieldEntity } from '@leadx/catalog-data-access';
import { checkRequiredFields, checkSourceIds, IntakeResponseType, PostedSourceIds } from '@leadx/intake-domain';
import { Outbox } from '@leadx/platform-messaging';
import { IntakeRequestContext, IntakeRequestLog } from './intake-request-log';
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
  /** Which insert endpoint: plain leads or call leads. */
  kind?: 'general' | 'calldata';
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

export interface IntakeOutcome {
  requestId: string;
  results: IntakeResult[];
  /** true when this answers a retry from the request log instead of creating leads. */
  replayed: boolean;
}

/**
 * Accepts a batch of posted leads: resolves the campaign, validates each lead, and stores the valid
 * ones with their `intake.lead.accepted.v1` outbox events in ONE transaction, so a lead id in the
 * response always means the lead is committed and its event will be published.
 */
export class LeadIntakeService {
  private readonly requestLog = new IntakeRequestLog();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Validates and stores a batch. The request-log row, the leads and their events commit together,
   * so a retried request either finds the first one's answer or none of its effects.
   */
  async accept(leadSourceId: number, batch: IntakeBatch, request: IntakeRequestContext): Promise<IntakeOutcome> {
    const requestId = request.requestId ?? randomUUID();
    const hasReferences = batch.leads.length > 0 && batch.leads.every((l) => !!l.reference);
    const evaluated = await this.evaluate(leadSourceId, batch, requestId);
    return this.dataSource.transaction(async (manager) => {
      const earlier = await this.requestLog.claim<IntakeResult>(manager, leadSourceId, requestId, request, hasReferences);
      if (earlier) return { ...earlier, replayed: true };
      const results = await this.store(manager, leadSourceId, evaluated, requestId);
      await this.requestLog.complete(manager, requestId, results);
      return { requestId, results, replayed: false };
    });
  }

  /** Campaign and field checks, done before the transaction (reads only). */
  private async evaluate(leadSourceId: number, batch: IntakeBatch, requestId: string): Promise<Array<IntakeResult | LeadEntity>> {
    const campaign = await this.findCampaign(leadSourceId, batch.source);
    const rejection = checkSourceIds(batch.source, leadSourceId, campaign);
    if (rejection || !campaign) {
      const r = rejection ?? { responseType: 'No_Account_Found' as const, message: 'no campaign found' };
      return batch.leads.map(() => invalid(r.responseType, r.message, campaign?.id ?? 0));
    }
    const definitions = await this.dataSource
      .getRepository(LeadTypeFieldEntity)
      .find({ where: { leadTypeId: campaign.leadTypeId }, select: { name: true, required: true } });

    return batch.leads.map((posted) => {
      // Accepting picks without honouring them would send the lead to buyers the consumer did
      // not choose: refuse until ping orders and offers exist.
      if (posted.consentPicks) {
        return invalid('Data_Errors', 'orderId and offerIds (1-to-1 consent posts) are not enabled on this platform yet', campaign.id);
      }
      const fieldError = checkRequiredFields(posted.fields, definitions);
      if (fieldError) return invalid(fieldError.responseType, fieldError.message, campaign.id);
      return Object.assign(new LeadEntity(), {
        uid: randomUUID(),
        requestId,
        leadSourceId,
        campaignId: campaign.id,
        leadTypeId: campaign.leadTypeId,
        reference: posted.reference || null,
        fields: posted.fields,
        status: 'accepted',
        sendDelayHours: batch.source.sendDelay ?? 0,
        noSell: posted.noSell ?? false,
        pendingReview: false,
        price: campaign.leadPrice,
        kind: batch.kind ?? 'general',
        properties: posted.callProperties ?? {},
        returnUrl: batch.source.returnURL || null,
      });
    });
  }

  private async store(
    manager: EntityManager,
    leadSourceId: number,
    evaluated: Array<IntakeResult | LeadEntity>,
    requestId: string,
  ): Promise<IntakeResult[]> {
    const results: IntakeResult[] = new Array(evaluated.length);
    const toStore: Array<{ index: number; lead: LeadEntity }> = [];
    evaluated.forEach((e, index) => {
      if (e instanceof LeadEntity) toStore.push({ index, lead: e });
      else results[index] = e;
    });
    if (toStore.length) {
      const inserted = await manager.getRepository(LeadEntity).insert(toStore.map((s) => s.lead));
      for (const [i, { lead }] of toStore.entries()) {
        lead.id = Number(inserted.identifiers[i]['id']);
        await this.outbox.add(
          manager,
          'intake.lead.accepted.v1',
          String(lead.id),
          LeadAcceptedV1.of({
            leadId: lead.id,
            leadUid: lead.uid,
            leadSourceId,
            campaignId: lead.campaignId,
            leadTypeId: lead.leadTypeId,
            fields: lead.fields,
            sendDelayHours: lead.sendDelayHours,
            noSell: lead.noSell,
            pendingReview: lead.pendingReview,
            price: lead.price,
            receivedAt: new Date().toISOString(),
            ...(lead.reference ? { reference: lead.reference } : {}),
          }),
          { correlationId: requestId, causationId: requestId },
        );
      }
      for (const { index, lead } of toStore) {
        results[index] = {
          isValid: true,
          responseType: 'No_Error',
          responseMessage: 'Lead was accepted',
          leadId: lead.id,
          campaignId: lead.campaignId,
          isPendingReview: lead.pendingReview,
          price: lead.price,
        };
      }
    }
    return results;
  }

  private async findCampaign(leadSourceId: number, ids: PostedSourceIds): Promise<CampaignEntity | undefined> {
    if (!ids.vid || !ids.lid || ids.vid !== leadSourceId) return undefined;
    const repo = this.dataSource.getRepository(CampaignEntity);
    if (ids.aid) return (await repo.findOne({ where: { id: ids.aid, leadSourceId } })) ?? undefined;
    // No aid: the source's campaign for that lead type, active ones first (seed 002: aid optional).
    const candidates = await repo.find({ where: { leadSourceId, leadTypeId: ids.lid }, order: { id: 'ASC' } });
    return candidates.find((c) => c.status === 'Active') ?? candidates[0];
  }
}

function invalid(responseType: IntakeResponseType, message: string, campaignId: number): IntakeResult {
  return { isValid: false, responseType, responseMessage: message, leadId: 0, campaignId, isPendingReview: false, price: 0 };
}
