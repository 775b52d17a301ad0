import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LeadAcceptedV1 } from '@leadx/contracts';
import { CampaignEntity, LeadTypeFieldEntity } from '@leadx/catalog-data-access';
import { checkRequiredFields, checkSourceIds, IntakeResponseType, PostedSourceIds } from '@leadx/intake-domain';
import { Outbox } from '@leadx/platform-messaging';
import { LeadEntity } from './lead.entity';

export interface IntakeLead {
  reference?: string;
  noSell?: boolean;
  fields: Record<string, string>;
}

export interface IntakeBatch {
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

/**
 * Accepts a batch of posted leads: resolves the campaign, validates each lead, and stores the valid
 * ones with their `intake.lead.accepted.v1` outbox events in ONE transaction, so a lead id in the
 * response always means the lead is committed and its event will be published.
 */
export class LeadIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async accept(leadSourceId: number, batch: IntakeBatch, requestId: string = randomUUID()): Promise<IntakeResult[]> {
    const campaign = await this.findCampaign(leadSourceId, batch.source);
    const rejection = checkSourceIds(batch.source, leadSourceId, campaign);
    if (rejection || !campaign) {
      const r = rejection ?? { responseType: 'No_Account_Found' as const, message: 'no campaign found' };
      return batch.leads.map(() => invalid(r.responseType, r.message, campaign?.id ?? 0));
    }
    const definitions = await this.dataSource
      .getRepository(LeadTypeFieldEntity)
      .find({ where: { leadTypeId: campaign.leadTypeId }, select: { name: true, required: true } });

    const results: IntakeResult[] = new Array(batch.leads.length);
    const toStore: Array<{ index: number; lead: LeadEntity }> = [];
    batch.leads.forEach((posted, index) => {
      const fieldError = checkRequiredFields(posted.fields, definitions);
      if (fieldError) {
        results[index] = invalid(fieldError.responseType, fieldError.message, campaign.id);
        return;
      }
      const lead = Object.assign(new LeadEntity(), {
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
      });
      toStore.push({ index, lead });
    });

    if (toStore.length) {
      await this.dataSource.transaction(async (manager) => {
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
      });
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
