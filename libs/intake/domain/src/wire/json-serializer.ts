import { finite, formatDate } from './format';
import {
  DuplicateCheckResponse,
  LeadOutcome,
  LeadStatusResponse,
  Offer,
  PingResponse,
  ReceiverResult,
  Send,
  TransferClient,
} from './response-models';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** The JSON body of a result: camelCase members in the seed's order. */
export function toJson(result: ReceiverResult): string {
  return JSON.stringify(toJsonObject(result));
}

/** The JSON body of a result as a plain object (members in the seed's order, `kind` left out). */
export function toJsonObject(result: ReceiverResult): JsonObject {
  switch (result.kind) {
    case 'AcceptOfferResult':
      return { success: result.success, message: result.message };
    case 'LeadReceiverResult':
      return envelope(result.requestId, result.results.map((r) => withOffers(outcome(r), r.offers)));
    case 'SendsReceiverResult':
      return envelope(result.requestId, result.results.map((r) => ({ ...outcome(r), sends: r.sends.map(send) })));
    case 'TransferReceiverResult':
      return envelope(result.requestId, result.results.map((r) => ({ ...outcome(r), client: r.client.map(transferClient) })));
    case 'PingReceiverResult':
      return envelope(result.requestId, result.results.map(ping));
    case 'DuplicateCheckResult':
      return envelope(result.requestId, result.results.map(duplicate));
    case 'LeadStatusResult':
      return envelope(result.requestId, result.results.map(status));
  }
}

function envelope(requestId: string, results: JsonObject[]): JsonObject {
  return { requestId, results };
}

function outcome(r: LeadOutcome): JsonObject {
  return {
    isValid: r.isValid,
    responseType: r.responseType,
    responseMessage: r.responseMessage,
    leadId: finite(r.leadId),
    campaignId: finite(r.campaignId),
    isPendingReview: r.isPendingReview,
    price: finite(r.price),
  };
}

function withOffers(obj: JsonObject, offers: Offer[] | undefined): JsonObject {
  return offers === undefined ? obj : { ...obj, offers: offers.map(offer) };
}

function offer(o: Offer): JsonObject {
  return {
    offerId: o.offerId,
    companyName: o.companyName,
    companyPhoneNumber: o.companyPhoneNumber,
    name: o.name,
    description: o.description,
    type: o.type,
    price: finite(o.price),
    url: o.url,
    tcpaInformation: {
      customTCPATextRequired: o.tcpaInformation.customTCPATextRequired,
      tcpaText: o.tcpaInformation.tcpaText,
      privacyURL: o.tcpaInformation.privacyURL,
      termsURL: o.tcpaInformation.termsURL,
    },
  };
}

function send(s: Send): JsonObject {
  return { clientId: finite(s.clientId), clientName: s.clientName, redirectURL: s.redirectURL, valid: s.valid, price: finite(s.price) };
}

function transferClient(c: TransferClient): JsonObject {
  return { clientId: finite(c.clientId), clientName: c.clientName, agentName: c.agentName, agentPhone: c.agentPhone };
}

function ping(r: PingResponse): JsonObject {
  return withOffers(
    {
      willAccept: r.willAccept,
      orderId: r.orderId,
      orderExpiresOn: formatDate(r.orderExpiresOn, false),
      estimatedPayout: finite(r.estimatedPayout),
      campaignId: finite(r.campaignId),
      response: r.response,
    },
    r.offers,
  );
}

function duplicate(r: DuplicateCheckResponse): JsonObject {
  return {
    success: r.success,
    isDuplicate: r.isDuplicate,
    duplicateLeadId: finite(r.duplicateLeadId),
    receivedOn: formatDate(r.receivedOn, false),
    response: r.response,
  };
}

function status(r: LeadStatusResponse): JsonObject {
  return {
    leadId: finite(r.leadId),
    isValid: r.isValid,
    rejectionReason: r.rejectionReason,
    campaignId: finite(r.campaignId),
    dateReceived: formatDate(r.dateReceived, true),
    qualityControlDetails: {
      isPendingReview: r.qualityControlDetails.isPendingReview,
      dateOfReview: formatDate(r.qualityControlDetails.dateOfReview, true),
      isQualityControlRejected: r.qualityControlDetails.isQualityControlRejected,
      rejectionReason: r.qualityControlDetails.rejectionReason,
    },
    returnDetails: {
      isReturned: r.returnDetails.isReturned,
      dateOfReturn: formatDate(r.returnDetails.dateOfReturn, true),
      returnReason: r.returnDetails.returnReason,
    },
  };
}
