export type DecodedAttachment =
  | { ok: true; bytes: Buffer }
  | { ok: false; problem: 'invalid' | 'empty' | 'too_large'; message: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;
const DATA_URI_PREFIX = /^data:[^,]{0,200};base64,/i;

/**
 * The seed's Base64Data as bytes, refused when it is not base64 (standard or URL-safe; line breaks
 * and a `data:...;base64,` prefix are tolerated) or decodes to more than `maxBytes`. The size is
 * worked out from the text before decoding, so an oversized upload allocates nothing.
 */
export function decodeAttachmentBase64(data: string, maxBytes: number): DecodedAttachment {
  const text = data.replace(DATA_URI_PREFIX, '').replace(/[\r\n\t ]+/g, '');
  if (!text) return { ok: false, problem: 'empty', message: 'Base64Data must not be empty' };
  if ((!BASE64.test(text) && !BASE64URL.test(text)) || text.length % 4 === 1) {
    return { ok: false, problem: 'invalid', message: 'Base64Data must be base64-encoded file data' };
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const size = Math.floor((text.length * 3) / 4) - padding;
  if (size > maxBytes) {
    return { ok: false, problem: 'too_large', message: `the attachment is ${size} bytes; the limit is ${maxBytes} bytes` };
  }
  const bytes = Buffer.from(text, BASE64.test(text) ? 'base64' : 'base64url');
  return bytes.length ? { ok: true, bytes } : { ok: false, problem: 'empty', message: 'Base64Data must not be empty' };
}
