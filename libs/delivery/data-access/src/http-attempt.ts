import { HttpAttempt, OutboundHttpRequest } from '@leadx/delivery-domain';

/** Largest buyer answer kept (and read): a hostile buyer cannot fill memory or the sends table. */
export const MAX_RESPONSE_CHARS = 65_536;

/** One HTTP request to a buyer. Never throws: a failure is an attempt with an errorCode. */
export async function sendHttp(request: OutboundHttpRequest, timeoutMs: number): Promise<HttpAttempt> {
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(timeoutMs),
      // A redirect is the buyer's answer, not an address to follow (SSRF).
      redirect: 'manual',
    });
    return { status: res.status, body: await readCapped(res) };
  } catch (err) {
    const e = err as { name?: string; code?: string; cause?: { code?: string } };
    return { errorCode: e.cause?.code ?? e.code ?? e.name ?? 'UNKNOWN' };
  }
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let out = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out += decoder.decode(value, { stream: true });
    if (out.length >= MAX_RESPONSE_CHARS) {
      await reader.cancel();
      break;
    }
  }
  return out.slice(0, MAX_RESPONSE_CHARS);
}
