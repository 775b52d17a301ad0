import type { DeliveryOutcome } from '@leadx/contracts';

/** What an HTTP delivery attempt observed. */
export interface HttpAttempt {
  status?: number;
  body?: string;
  /** Error code when no answer came (ECONNREFUSED, timeout, ...). */
  errorCode?: string;
}

/** Errors that prove the buyer never received the request: safe to treat as not delivered. */
const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

/**
 * Turns an attempt into an outcome. A timeout or a reset after the request left is AMBIGUOUS: the
 * buyer may have taken the lead, so it is recorded as such and never silently re-sent.
 */
export function classifyHttpOutcome(attempt: HttpAttempt, responseSearch?: string): { outcome: DeliveryOutcome; message: string } {
  if (attempt.status === undefined) {
    const code = attempt.errorCode ?? 'UNKNOWN';
    return NEVER_REACHED.has(code)
      ? { outcome: 'failed', message: `buyer not reached (${code})` }
      : { outcome: 'ambiguous', message: `no answer from buyer (${code}); not re-sent` };
  }
  if (attempt.status >= 500) return { outcome: 'failed', message: `buyer answered ${attempt.status}` };
  if (attempt.status < 200 || attempt.status >= 300) return { outcome: 'rejected', message: `buyer answered ${attempt.status}` };
  if (responseSearch && !(attempt.body ?? '').includes(responseSearch)) {
    return { outcome: 'rejected', message: `buyer answer lacks "${responseSearch}"` };
  }
  return { outcome: 'sold', message: `buyer accepted (${attempt.status})` };
}
