import { EntityManager } from 'typeorm';
import { LeadAcceptedV1 } from '@leadx/contracts';
import { IntakeResponseType } from '@leadx/intake-domain';
import { Outbox } from '@leadx/platform-messaging';

/** What the accepted-lead event says about a stored lead. */
export interface AcceptedLeadFacts {
  id: number;
  uid: string;
  leadSourceId: number;
  campaignId: number;
  leadTypeId: number;
  fields: Record<string, string>;
  sendDelayHours: number;
  noSell: boolean;
  pendingReview: boolean;
  price: number;
  reference: string | null;
}

/** Announces a stored lead to compliance, in the caller's transaction (intake and update alike). */
export function addLeadAcceptedEvent(outbox: Outbox, manager: EntityManager, lead: AcceptedLeadFacts, requestId: string): Promise<unknown> {
  return outbox.add(manager, 'intake.lead.accepted.v1', String(lead.id), leadAcceptedPayload(lead), { correlationId: requestId, causationId: requestId });
}

/** The accepted-lead event's outbox row, for a caller that writes it in its own statement (see Outbox.prepare). */
export function prepareLeadAcceptedEvent(outbox: Outbox, lead: AcceptedLeadFacts, requestId: string) {
  return outbox.prepare('intake.lead.accepted.v1', String(lead.id), leadAcceptedPayload(lead), { correlationId: requestId, causationId: requestId }).row;
}

function leadAcceptedPayload(lead: AcceptedLeadFacts): LeadAcceptedV1 {
  return LeadAcceptedV1.of({
    leadId: lead.id,
    leadUid: lead.uid,
    leadSourceId: lead.leadSourceId,
    campaignId: lead.campaignId,
    leadTypeId: lead.leadTypeId,
    fields: lead.fields,
    sendDelayHours: lead.sendDelayHours,
    noSell: lead.noSell,
    pendingReview: lead.pendingReview,
    price: lead.price,
    receivedAt: new Date().toISOString(),
    ...(lead.reference ? { reference: lead.reference } : {}),
  });
}

/** One refused lead's result (seed 002 results[]). */
export function invalidResult(responseType: Exclude<IntakeResponseType, 'No_Error'>, message: string, campaignId = 0, leadId = 0) {
  return { isValid: false, responseType, responseMessage: message, leadId, campaignId, isPendingReview: false, price: 0 } as const;
}
