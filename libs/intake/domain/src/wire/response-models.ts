/**
 * Response models of the Lead Receiver v2 API (seed 002). Each result carries a `kind` discriminant
 * named after its XML root element; `toJson` leaves it out, `toXml` uses it as the root.
 */

/** `results.responseType` (seed 002), in the seed's order. */
export const RECEIVER_RESPONSE_TYPES = [
  'No_Error',
  'System_ID_Missing',
  'LeadType_ID_Missing',
  'Vendor_ID_Missing',
  'No_Account_Found',
  'Outside_Criteria',
  'Duplicate_Lead',
  'Account_Disabled',
  'Post_Over_Max',
  'Data_Errors',
] as const;
export type ReceiverResponseType = (typeof RECEIVER_RESPONSE_TYPES)[number];

export function isReceiverResponseType(value: unknown): value is ReceiverResponseType {
  return typeof value === 'string' && (RECEIVER_RESPONSE_TYPES as readonly string[]).includes(value);
}

/**
 * A date in a response: a Date (formatted as the seed shows it for that member) or a string written
 * as given; null is written as JSON null / `i:nil="true"`.
 */
export type WireDate = Date | string | null;

export interface OfferTcpaInformation {
  customTCPATextRequired: boolean;
  tcpaText: string;
  privacyURL: string;
  termsURL: string;
}

/** An offer shown to the consumer for 1-to-1 consent (seed 000/002). */
export interface Offer {
  offerId: string;
  companyName: string;
  companyPhoneNumber: string;
  name: string;
  description: string;
  /** Duration of the amount offered: `Monthly` or `Yearly`. */
  type: string;
  price: number;
  url: string;
  tcpaInformation: OfferTcpaInformation;
}

/** One lead's outcome (`d2p1:PostResponse`). */
export interface PostResponse {
  isValid: boolean;
  responseType: ReceiverResponseType;
  responseMessage: string;
  leadId: number;
  campaignId: number;
  isPendingReview: boolean;
  price: number;
  /** Present when the campaign returns client offers; omitted from the output when undefined. */
  offers?: Offer[];
}

export type LeadOutcome = Omit<PostResponse, 'offers'>;

/** A delivery attempt (`Send`). */
export interface Send {
  clientId: number;
  clientName: string;
  redirectURL: string;
  valid: boolean;
  price: number;
}

export interface SendResponse extends LeadOutcome {
  sends: Send[];
}

/** The client a call is transferred to. `redirectURL`/`valid`/`price` appear only in the XML (`Send` element, see docs.md). */
export interface TransferClient {
  clientId: number;
  clientName: string;
  agentName: string;
  agentPhone: string;
  redirectURL?: string;
  valid?: boolean;
  price?: number;
}

export interface TransferResponse extends LeadOutcome {
  client: TransferClient[];
}

export interface PingResponse {
  willAccept: boolean;
  orderId: string;
  orderExpiresOn: WireDate;
  estimatedPayout: number;
  campaignId: number;
  response: string;
  /** Omitted from the output when undefined. */
  offers?: Offer[];
}

export interface DuplicateCheckResponse {
  success: boolean;
  isDuplicate: boolean;
  duplicateLeadId: number;
  receivedOn: WireDate;
  response: string;
}

export interface QualityControlDetails {
  isPendingReview: boolean;
  dateOfReview: WireDate;
  isQualityControlRejected: boolean;
  rejectionReason: string;
}

export interface ReturnDetails {
  isReturned: boolean;
  dateOfReturn: WireDate;
  returnReason: string;
}

export interface LeadStatusResponse {
  leadId: number;
  isValid: boolean;
  rejectionReason: string;
  campaignId: number;
  dateReceived: WireDate;
  qualityControlDetails: QualityControlDetails;
  returnDetails: ReturnDetails;
}

/** `POST /v2/insert/general`, `/v2/insert/calldata`, `PUT /v2/update`. */
export interface LeadReceiverResult {
  kind: 'LeadReceiverResult';
  requestId: string;
  results: PostResponse[];
}

/** `POST /v2/insert/general` when the campaign may return delivery results. */
export interface SendsReceiverResult {
  kind: 'SendsReceiverResult';
  requestId: string;
  results: SendResponse[];
}

/** `POST /v2/insert/transfer`. */
export interface TransferReceiverResult {
  kind: 'TransferReceiverResult';
  requestId: string;
  results: TransferResponse[];
}

/** `POST /v2/insert/ping`. */
export interface PingReceiverResult {
  kind: 'PingReceiverResult';
  requestId: string;
  results: PingResponse[];
}

/** `POST /v2/duplicate/check`. */
export interface DuplicateCheckResult {
  kind: 'DuplicateCheckResult';
  requestId: string;
  results: DuplicateCheckResponse[];
}

/** `GET /v2/status/{id}` (the seed gives JSON only; the XML root name is ours). */
export interface LeadStatusResult {
  kind: 'LeadStatusResult';
  requestId: string;
  results: LeadStatusResponse[];
}

/** `PUT /v2/leads/{leadUID}/offers/{offerId}/accept` (the seed gives JSON only; the XML root name is ours). */
export interface AcceptOfferResult {
  kind: 'AcceptOfferResult';
  success: boolean;
  message: string;
}

export type ReceiverResult =
  | LeadReceiverResult
  | SendsReceiverResult
  | TransferReceiverResult
  | PingReceiverResult
  | DuplicateCheckResult
  | LeadStatusResult
  | AcceptOfferResult;

export type ReceiverResultKind = ReceiverResult['kind'];
