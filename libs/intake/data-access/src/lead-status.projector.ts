import { LeadDistributedV1, LeadScreenedV1 } from '@leadx/contracts';
import { EventContext } from '@leadx/platform-messaging';
import { ReturnUrlDispatcher } from './return-url-dispatcher';

/** Keeps `leads.status` current as the lead moves on (the receiver owns the leads table). */
export class LeadStatusProjector {
  async onScreened(e: LeadScreenedV1, ctx: EventContext): Promise<void> {
    const status = e.verdict === 'rejected' ? 'rejected' : e.verdict === 'review' ? 'review' : 'screened';
    // Never move a lead back from a terminal state if events arrive late.
    await ctx.manager.query(
      `UPDATE leads SET status = $2, pending_review = $3, updated_at = now()
        WHERE id = $1 AND status IN ('accepted', 'screened')`,
      [e.leadId, status, e.verdict === 'review'],
    );
  }

  async onDistributed(e: LeadDistributedV1, ctx: EventContext): Promise<void> {
    await ctx.manager.query(`UPDATE leads SET status = $2, updated_at = now() WHERE id = $1`, [e.leadId, e.disposition]);
    // A held (noSell) lead is not done yet: it may still be released by an update.
    if (e.disposition !== 'not_sold_no_sell') await ReturnUrlDispatcher.enqueue(ctx.manager, e.leadId);
  }
}
