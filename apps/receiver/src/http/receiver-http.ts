import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import {
  ENDPOINT_ROUTES,
  EndpointKind,
  formatFromAccept,
  formatFromContentType,
  ReceiverResult,
  serialise,
  WIRE_CONTENT_TYPES,
  WireFormat,
} from '@leadx/intake-domain';
import { ReceiverHttpError } from './receiver-http-error';

/**
 * Reads the request body as bytes, refusing more than `limit` as soon as it is exceeded (from the
 * Content-Length header when sent, else while streaming), so an oversized body never fills memory.
 */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.unpipe();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limit: number): ReceiverHttpError {
  return new ReceiverHttpError(413, { code: 'too_large', message: `request body is larger than ${limit} bytes` });
}

/** The request's format (from Content-Type) and the answer's (from Accept, default the request's). */
export function negotiate(req: Request, hasBody: boolean): { request: WireFormat; response: WireFormat } {
  if (!hasBody) return { request: 'json', response: formatFromAccept(req.headers.accept, 'json') };
  const parsed = formatFromContentType(req.headers['content-type']);
  const fallback = parsed.ok ? parsed.value : 'json';
  const response = formatFromAccept(req.headers.accept, fallback);
  if (!parsed.ok) throw new ReceiverHttpError(415, parsed.error);
  return { request: parsed.value, response };
}

/** The answer format for an error, best effort from the headers (never throws). */
export function responseFormatOf(req: Request): WireFormat {
  const parsed = formatFromContentType(req.headers['content-type']);
  return formatFromAccept(req.headers.accept, parsed.ok ? parsed.value : 'json');
}

export function send(res: Response, status: number, result: ReceiverResult, format: WireFormat): void {
  res.status(status).type(`${WIRE_CONTENT_TYPES[format]}; charset=utf-8`).send(serialise(result, format));
}

/** Which endpoint a path belongs to, so errors raised before a handler still get its shape. */
export function endpointKindOf(method: string, path: string): EndpointKind | undefined {
  for (const [kind, route] of Object.entries(ENDPOINT_ROUTES) as Array<[EndpointKind, { method: string; path: string }]>) {
    if (route.method !== method) continue;
    const pattern = new RegExp('^' + route.path.replace(/\{[^}]+\}/g, '[^/]+') + '/?$', 'i');
    if (pattern.test(path)) return kind;
  }
  return undefined;
}

export function payloadHash(endpoint: string, body: Buffer): Buffer {
  return createHash('sha256').update(endpoint).update('\0').update(body).digest();
}
