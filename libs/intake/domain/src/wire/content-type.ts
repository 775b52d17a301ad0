import { WireBody } from './body';
import { parseJsonRequest } from './json-request-parser';
import { BatchKind, ParsedRequestMap } from './request-models';
import { ReceiverResult } from './response-models';
import { toJson } from './json-serializer';
import { toXml } from './xml-serializer';
import { wireError, WireResult } from './wire-error';
import { parseXmlRequest } from './xml-request-parser';

/** The two body formats of the v2 receiver (seed 000: "All posts must be in either JSON or XML formats"). */
export type WireFormat = 'json' | 'xml';

export const WIRE_CONTENT_TYPES: Readonly<Record<WireFormat, string>> = Object.freeze({
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
});

function mediaFormat(mediaType: string): WireFormat | undefined {
  if (mediaType === 'application/json' || mediaType === 'text/json' || /^application\/[\w.+-]+\+json$/.test(mediaType)) return 'json';
  if (mediaType === 'application/xml' || mediaType === 'text/xml' || /^application\/[\w.+-]+\+xml$/.test(mediaType)) return 'xml';
  return undefined;
}

/**
 * The request format from a `Content-Type` header. URL-encoded and other types are refused
 * (`unsupported`), as is a charset other than UTF-8.
 */
export function formatFromContentType(contentType: string | undefined): WireResult<WireFormat> {
  const [media = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  const format = mediaFormat(media);
  if (!format) {
    const what = media === 'application/x-www-form-urlencoded' ? 'URL-encoded posts are not accepted by the v2 receiver' : `content type ${JSON.stringify(media.slice(0, 60))} is not accepted`;
    return { ok: false, error: wireError('unsupported', `${what}; send application/json or application/xml`) };
  }
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    return { ok: false, error: wireError('unsupported', `charset ${JSON.stringify(charset.slice(0, 40))} is not accepted; send UTF-8`) };
  }
  return { ok: true, value: format };
}

/**
 * The response format from an `Accept` header: the first of JSON or XML it names (by q-value, then
 * order); `fallback` (usually the request's format) when it names neither or is absent.
 */
export function formatFromAccept(accept: string | undefined, fallback: WireFormat): WireFormat {
  const ranked = (accept ?? '')
    .split(',')
    .map((part, index) => {
      const [media = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
      const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? '1');
      return { format: mediaFormat(media), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r): r is { format: WireFormat; q: number; index: number } => r.format !== undefined && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.format ?? fallback;
}

/** `parseJsonRequest` or `parseXmlRequest` by format. Never throws. */
export function parseRequest<K extends BatchKind>(kind: K, format: WireFormat, body: WireBody): WireResult<ParsedRequestMap[K]> {
  return format === 'xml' ? parseXmlRequest(kind, body) : parseJsonRequest(kind, body);
}

/** `toJson` or `toXml` by format. */
export function serialise(result: ReceiverResult, format: WireFormat): string {
  return format === 'xml' ? toXml(result) : toJson(result);
}
