import type { HttpAttempt } from '../outcome/classify-outcome';

/** Errors that prove the request never reached the buyer. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether an attempt may be repeated: only when the buyer certainly did not take the lead — no
 * connection was made, or it answered 5xx (it refused to process the request). A timeout or reset
 * after the request left is ambiguous and is never repeated.
 */
export function isRetryable(attempt: HttpAttempt): boolean {
  if (attempt.status !== undefined) return attempt.status >= 500;
  return NOT_CONNECTED.has(attempt.errorCode ?? '');
}

/** Delay before attempt `n` (1-based; attempt 1 has none): base · 2^(n-2), capped. */
export function backoffMs(n: number, baseMs: number, capMs = 5_000): number {
  return n <= 1 ? 0 : Math.min(capMs, baseMs * 2 ** (n - 2));
}
