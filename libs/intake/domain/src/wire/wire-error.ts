/**
 * Errors of the Lead Receiver v2 wire layer. Parsers never throw: they return a `WireResult`, and a
 * refused request carries a `WireError` whose message is written for the lead source's developer.
 */
export const WIRE_ERROR_CODES = ['malformed', 'invalid_field', 'too_large', 'unsupported'] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export interface WireError {
  code: WireErrorCode;
  /** Canonical path of the offending member, JSON-style whatever the format: `source.vid`, `leads[0].fields.Email`. */
  field?: string;
  message: string;
}

export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** Size limits applied before and while parsing (see docs.md "Limits"). */
export const WIRE_LIMITS = Object.freeze({
  /** Whole body: bytes for binary input, UTF-16 code units for string input. */
  maxBodyBytes: 1_048_576,
  maxLeadsPerRequest: 100,
  maxFieldsPerLead: 500,
  maxFieldNameLength: 128,
  maxFieldValueLength: 32_768,
  /** Nesting of JSON objects/arrays; the contract itself needs 5. */
  maxJsonDepth: 16,
  /** Nesting of XML elements; the contract itself needs 3 (Leads > Lead > field). */
  maxXmlDepth: 16,
  maxXmlElements: 60_000,
  maxXmlAttributesPerElement: 32,
  maxOfferIds: 50,
  maxOfferIdLength: 128,
  maxReferenceLength: 255,
  maxOrderIdLength: 128,
  maxCallResultLength: 1_024,
  maxUrlLength: 2_048,
  maxSendDelayHours: 8_760,
});

/** Internal: thrown by validators, turned into `{ ok: false }` at the parser boundary. */
export class WireFailure extends Error {
  constructor(readonly wireError: WireError) {
    super(wireError.message);
    this.name = 'WireFailure';
  }
}

export function wireError(code: WireErrorCode, message: string, field?: string): WireError {
  return field === undefined ? { code, message } : { code, field, message };
}

export function fail(code: WireErrorCode, message: string, field?: string): never {
  throw new WireFailure(wireError(code, message, field));
}

/**
 * Runs `fn`, converting a WireFailure into an error result and ANY other exception (a bug, a stack
 * overflow on pathological input) into a `malformed` error, so callers never see a throw.
 */
export function guard<T>(fn: () => T): WireResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e: unknown) {
    if (e instanceof WireFailure) return { ok: false, error: e.wireError };
    return { ok: false, error: wireError('malformed', 'the request body could not be read') };
  }
}

/** Shortens user-supplied text quoted in an error message. */
export function quote(text: string, max = 40): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(shown);
}
