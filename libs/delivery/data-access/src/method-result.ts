import { DeliveryOutcome } from '@leadx/contracts';

/** What one delivery attempt with one method came to. */
export interface MethodResult {
  outcome: DeliveryOutcome;
  message: string;
  requestUrl: string | null;
  requestBody: string | null;
  responseStatus: number | null;
  responseBody: string | null;
  durationMs: number;
  buyerPrice?: number;
  redirectUrl?: string;
  /** The buyer certainly did not get the lead and another attempt may work (connection refused). */
  retryable?: boolean;
}

export function notSentResult(message: string, requestUrl: string | null = null): MethodResult {
  return { outcome: 'failed', message, requestUrl, requestBody: null, responseStatus: null, responseBody: null, durationMs: 0 };
}

/** `host`, `host:port` or `scheme://host:port/path` → host, port and path. */
export function parseServerAddress(raw: string, defaultPort: number): { host: string; port: number; path: string; scheme: string } | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `x-none://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (!url.hostname || url.username || url.password) return null;
  const port = url.port ? Number(url.port) : defaultPort;
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, path: decodeURIComponent(url.pathname || ''), scheme: url.protocol.replace(/:$/, '') };
}
