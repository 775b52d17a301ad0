import { EndpointKind } from './request-models';
import { LeadOutcome, ReceiverResponseType, ReceiverResult } from './response-models';
import { WireError } from './wire-error';

/**
 * The responseType a refused request earns (see docs.md "Error results"):
 * a missing or unreadable `source.vid` → Vendor_ID_Missing, `source.lid` → LeadType_ID_Missing, the
 * platform-assigned ids (`source.aid` campaign, `leadUID`) → System_ID_Missing; everything else → Data_Errors.
 */
export function responseTypeForError(error: WireError): ReceiverResponseType {
  const field = error.field ?? '';
  if (field === 'source' || field === 'source.vid') return 'Vendor_ID_Missing';
  if (field === 'source.lid') return 'LeadType_ID_Missing';
  if (field === 'source.aid' || field === 'leadUID' || /^leads\[\d+\]\.properties\.leadUID$/.test(field)) return 'System_ID_Missing';
  return 'Data_Errors';
}

export interface ErrorResultOptions {
  /** For `general`: answer with SendsReceiverResult (campaign returns delivery results) instead of LeadReceiverResult. */
  withSends?: boolean;
}

/**
 * The seed's result shape for `kind` saying the request was refused: one result with isValid=false
 * (willAccept / success = false), the responseType from `responseTypeForError` where the shape has one,
 * and the error message. `requestId` is the id the HTTP layer logged the request under (for status: the
 * id asked about).
 */
export function buildErrorResult(kind: EndpointKind, error: WireError, requestId: string, options: ErrorResultOptions = {}): ReceiverResult {
  const message = error.message;
  const outcome: LeadOutcome = {
    isValid: false,
    responseType: responseTypeForError(error),
    responseMessage: message,
    leadId: 0,
    campaignId: 0,
    isPendingReview: false,
    price: 0,
  };
  switch (kind) {
    case 'general':
      return options.withSends
        ? { kind: 'SendsReceiverResult', requestId, results: [{ ...outcome, sends: [] }] }
        : { kind: 'LeadReceiverResult', requestId, results: [outcome] };
    case 'calldata':
    case 'update':
      return { kind: 'LeadReceiverResult', requestId, results: [outcome] };
    case 'transfer':
      return { kind: 'TransferReceiverResult', requestId, results: [{ ...outcome, client: [] }] };
    case 'ping':
      return {
        kind: 'PingReceiverResult',
        requestId,
        results: [{ willAccept: false, orderId: '', orderExpiresOn: null, estimatedPayout: 0, campaignId: 0, response: message, offers: [] }],
      };
    case 'duplicate':
      return {
        kind: 'DuplicateCheckResult',
        requestId,
        results: [{ success: false, isDuplicate: false, duplicateLeadId: 0, receivedOn: null, response: message }],
      };
    case 'status':
      return {
        kind: 'LeadStatusResult',
        requestId,
        results: [
          {
            leadId: 0,
            isValid: false,
            rejectionReason: message,
            campaignId: 0,
            dateReceived: null,
            qualityControlDetails: { isPendingReview: false, dateOfReview: null, isQualityControlRejected: false, rejectionReason: '' },
            returnDetails: { isReturned: false, dateOfReturn: null, returnReason: '' },
          },
        ],
      };
    case 'acceptOffer':
      return { kind: 'AcceptOfferResult', success: false, message };
    default:
      return { kind: 'LeadReceiverResult', requestId, results: [outcome] };
  }
}
