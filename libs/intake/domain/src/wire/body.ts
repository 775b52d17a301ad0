import { fail, WIRE_LIMITS } from './wire-error';

/** A request body as the HTTP layer has it: decoded text, or the raw bytes (preferred: UTF-8 is then checked). */
export type WireBody = string | Uint8Array;

/**
 * True when `text` has no character the wire layer refuses inside values (see docs.md "Characters"):
 * C0 controls other than TAB/LF/CR, U+FFFD (what a lenient decoder makes of invalid UTF-8), U+FFFE,
 * U+FFFF, and unpaired surrogates. With `allowReplacementChar`, U+FFFD is accepted.
 */
export function hasOnlyAllowedChars(text: string, allowReplacementChar = false): boolean {
  return firstForbiddenChar(text, allowReplacementChar) < 0;
}

/** Index of the first refused character (see hasOnlyAllowedChars), or -1. */
export function firstForbiddenChar(text: string, allowReplacementChar = false, from = 0): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    } else if (c === 0xfffe || c === 0xffff || (c === 0xfffd && !allowReplacementChar)) {
      return i;
    }
  }
  return -1;
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
