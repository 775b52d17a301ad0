/**
 * Normalised request models of the Lead Receiver v2 API (seed 002). Both wire formats (JSON and XML)
 * parse into these shapes; ids are numbers, lead field values are strings.
 */

/** Receiver endpoints that take a lead batch (`source` + `leads[]` / `<Leads><Lead>`). */
export const BATCH_KINDS = ['general', 'transfer', 'calldata', 'update', 'ping', 'duplicate'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** Every receiver endpoint, for the error-result builder. */
export const ENDPOINT_KINDS = [...BATCH_KINDS, 'status', 'acceptOffer'] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

/** The path of each endpoint (seed 002 / spec endpoints.tsv), for routing and documentation. */
export const ENDPOINT_ROUTES: Readonly<Record<EndpointKind, { method: 'GET' | 'POST' | 'PUT'; path: string }>> = Object.freeze({
  general: { method: 'POST', path: '/v2/insert/general' },
  transfer: { method: 'POST', path: '/v2/insert/transfer' },
  calldata: { method: 'POST', path: '/v2/insert/calldata' },
  update: { method: 'PUT', path: '/v2/update' },
  ping: { method: 'POST', path: '/v2/insert/ping' },
  duplicate: { method: 'POST', path: '/v2/duplicate/check' },
  status: { method: 'GET', path: '/v2/status/{id}' },
  acceptOffer: { method: 'PUT', path: '/v2/leads/{leadUID}/offers/{offerId}/accept' },
});

export function isBatchKind(value: unknown): value is BatchKind {
  return typeof value === 'string' && (BATCH_KINDS as readonly string[]).includes(value);
}

/** `source` of the insert endpoints (general, transfer, calldata). */
export interface InsertSource {
  vid: number;
  lid: number;
  aid?: number;
  /** Hours; 0 when not sent. */
  sendDelay: number;
  returnURL?: string;
}

/** `source` of ping: no delivery timing. */
export interface PingSource {
  vid: number;
  lid: number;
  aid?: number;
}

/** `source` of the duplicate check: the campaign (aid) is required. */
export interface DuplicateCheckSource {
  vid: number;
  lid: number;
  aid: number;
}

/** `source` of update: vendor and lead type only. */
export interface UpdateSource {
  vid: number;
  lid: number;
}

/** `lead.properties` of the insert endpoints, including the inbound post (order + consumer-selected offers). */
export interface InsertProperties {
  reference?: string;
  /** false when not sent. */
  noSell: boolean;
  /** Order id received from the inbound ping. */
  orderId?: string;
  /** Offer ids the consumer selected, in the order the sale should be attempted; [] when none. */
  offerIds: string[];
}

/** `lead.properties` of `/v2/insert/calldata`. */
export interface CallDataProperties extends InsertProperties {
  /** Inbound phone number called, as sent (digits, optionally +, spaces, dashes, dots, parentheses). */
  ivrNumber: string;
  /** Seconds. */
  callDuration: number;
  callResult: string;
  /** As sent, checked to be a date. */
  callDate?: string;
  recordingUrl?: string;
}

export interface UpdateProperties {
  leadUID: number;
  /** false when not sent. */
  processDelivery: boolean;
}

export interface PingProperties {
  reference?: string;
}

export type DuplicateCheckProperties = Record<string, never>;

export interface ParsedLead<P> {
  properties: P;
  /** Lead field values by field name, as posted (names keep their case). */
  fields: Record<string, string>;
}

export interface ParsedLeadBatch<K extends BatchKind, S, P> {
  kind: K;
  source: S;
  leads: Array<ParsedLead<P>>;
}

export type GeneralRequest = ParsedLeadBatch<'general', InsertSource, InsertProperties>;
export type TransferRequest = ParsedLeadBatch<'transfer', InsertSource, InsertProperties>;
export type CallDataRequest = ParsedLeadBatch<'calldata', InsertSource, CallDataProperties>;
export type UpdateRequest = ParsedLeadBatch<'update', UpdateSource, UpdateProperties>;
export type PingRequest = ParsedLeadBatch<'ping', PingSource, PingProperties>;
export type DuplicateCheckRequest = ParsedLeadBatch<'duplicate', DuplicateCheckSource, DuplicateCheckProperties>;

export interface ParsedRequestMap {
  general: GeneralRequest;
  transfer: TransferRequest;
  calldata: CallDataRequest;
  update: UpdateRequest;
  ping: PingRequest;
  duplicate: DuplicateCheckRequest;
}

export type ParsedRequest = ParsedRequestMap[BatchKind];

/** `PUT /v2/leads/{leadUID}/offers/{offerId}/accept`. */
export interface AcceptOfferRequest {
  leadUID: number;
  offerId: string;
}

/** `GET /v2/status/{id}`: the requestId returned by an insert. */
export interface StatusRequest {
  requestId: string;
}
