import { EntityManager } from 'typeorm';
import { LeadAcceptedV1, LeadScreenedV1 } from '@leadx/contracts';
import { EventContext, Outbox } from '@leadx/platform-messaging';

/**
 * Screens an accepted lead and announces the verdict. With no screening integration configured
 * on the campaign the lead passes; the PureCallerID integration plugs in here.
 */
export class ScreenLeadHandler {
  constructor(private readonly outbox: Outbox) {}

  async handle(lead: LeadAcceptedV1, ctx: EventContext): Promise<void> {
    const verdict = 'passed' as const;
    const reasons: string[] = [];
    await this.record(ctx.manager, lead.leadId, verdict, reasons);
    await this.outbox.add(
      ctx.manager,
      'compliance.lead.screened.v1',
      String(lead.leadId),
      LeadScreenedV1.of({
        leadId: lead.leadId,
        leadUid: lead.leadUid,
        campaignId: lead.campaignId,
        leadTypeId: lead.leadTypeId,
        verdict,
        reasons,
        fields: lead.fields,
      }),
      { correlationId: ctx.envelope.correlationId, causationId: ctx.envelope.eventId },
    );
  }

  private async record(manager: EntityManager, leadId: number, verdict: string, reasons: string[]): Promise<void> {
    await manager.query(
      `INSERT INTO compliance_results (lead_id, verdict, reasons) VALUES ($1, $2, $3)
       ON CONFLICT (lead_id) DO UPDATE SET verdict = EXCLUDED.verdict, reasons = EXCLUDED.reasons`,
      [leadId, verdict, JSON.stringify(reasons)],
    );
  }
}
