import { DataSource } from 'typeorm';
import { IntakeResult } from './lead-intake.service';

export interface LeadRequestStatus {
  leadId: number;
  isValid: boolean;
  rejectionReason: string;
  campaignId: number;
  dateReceived: Date;
  qualityControlDetails: { isPendingReview: boolean; dateOfReview: Date | null; isQualityControlRejected: boolean; rejectionReason: string };
  returnDetails: { isReturned: boolean; dateOfReturn: Date | null; returnReason: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Terminal or in-flight states in which a stored lead is no longer valid for sale. */
const REJECTED_STATES = new Set(['rejected']);

/**
 * `GET /v2/status/{id}`: the results of one request, with each stored lead's CURRENT state (it moves
 * as compliance and distribution report). Only the source that sent the request can read it.
 */
export class RequestStatusQuery {
  constructor(private readonly dataSource: DataSource) {}

  async byRequest(leadSourceId: number, requestId: string): Promise<LeadRequestStatus[] | undefined> {
    // Request ids are UUIDs; anything else is simply not a request of ours.
    if (!UUID.test(requestId)) return undefined;
    const [request] = (await this.dataSource.query(
      `SELECT results, created_at FROM intake_requests WHERE id = $1 AND lead_source_id = $2 AND results IS NOT NULL`,
      [requestId, leadSourceId],
    )) as Array<{ results: IntakeResult[]; created_at: Date }>;
    if (!request) return undefined;
    const ids = request.results.filter((r) => r.leadId > 0).map((r) => r.leadId);
    const leads = ids.length
      ? ((await this.dataSource.query(
          `SELECT l.id::int AS id, l.status, l.pending_review, l.created_at, l.updated_at, c.verdict, c.reasons, c.created_at AS screened_at
             FROM leads l LEFT JOIN compliance_results c ON c.lead_id = l.id
            WHERE l.id = ANY($1::bigint[]) AND l.lead_source_id = $2`,
          [ids, leadSourceId],
        )) as Array<{ id: number; status: string; pending_review: boolean; created_at: Date; verdict: string | null; reasons: string[] | null; screened_at: Date | null }>)
      : [];
    const byId = new Map(leads.map((l) => [l.id, l]));
    return request.results.map((r) => {
      const lead = r.leadId > 0 ? byId.get(r.leadId) : undefined;
      const rejected = lead ? REJECTED_STATES.has(lead.status) : false;
      const reasons = lead?.reasons?.join(', ') ?? '';
      return {
        leadId: r.leadId,
        isValid: lead ? !rejected : false,
        rejectionReason: lead ? (rejected ? reasons || 'rejected in screening' : '') : r.responseMessage,
        campaignId: r.campaignId,
        dateReceived: lead?.created_at ?? request.created_at,
        qualityControlDetails: {
          isPendingReview: lead?.pending_review ?? false,
          dateOfReview: lead?.verdict === 'review' ? null : (lead?.screened_at ?? null),
          isQualityControlRejected: rejected,
          rejectionReason: rejected ? reasons : '',
        },
        returnDetails: { isReturned: false, dateOfReturn: null, returnReason: '' },
      };
    });
  }
}
