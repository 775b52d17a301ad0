import { fail, WIRE_LIMITS } from './wire-error';

/** A request body as the HTTP layer has it: decoded text, or the raw bytes (preferred: UTF-8 is then checked). */
export type WireBody = string | Uint8Array;

// C0 controls other than TAB/LF/CR, U+FFFD (what a lenient decoder makes of invalid UTF-8), U+FFFE/U+FFFF.
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` has no character the wire layer refuses inside values (see docs.md "Characters"). */
export function hasOnlyAllowedChars(text: string): boolean {
  return !FORBIDDEN_CHAR.test(text) && !LONE_SURROGATE.test(text);
}

/** Decodes and checks a body: size, UTF-8, forbidden characters, emptiness. Throws WireFailure. */
export function readBody(body: unknown): string {
  let text: string;
  if (typeof body === 'string') {
    if (body.length > WIRE_LIMITS.maxBodyBytes) tooLarge();
    text = body;
  } else if (body instanceof Uint8Array) {
    if (body.byteLength > WIRE_LIMITS.maxBodyBytes) tooLarge();
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return fail('malformed', 'the request body is not valid UTF-8');
    }
  } else {
    return fail('malformed', 'the request body is missing');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) fail('malformed', 'the request body is empty');
  if (!hasOnlyAllowedChars(text)) {
    fail('malformed', 'the request body contains characters that are not allowed (control characters or invalid UTF-8)');
  }
  return text;
}

function tooLarge(): never {
  return fail('too_large', `the request body is larger than ${WIRE_LIMITS.maxBodyBytes} bytes`);
}
