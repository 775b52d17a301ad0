import type { Logger } from 'pino';
import { SmsProvider, SmsProviderError } from './sms-provider';

export interface TwilioSmsSettings {
  accountSid: string;
  authToken: string;
  /** An E.164 sender number, or a Messaging Service SID (`MG` + 32 hex), which picks the sender itself. */
  from: string;
  /** `https://api.twilio.com`; a local protocol server in tests. */
  baseUrl: string;
  timeoutMs: number;
}

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
interface TwilioError {
  code?: number;
  message?: string;
  status?: number;
}

/**
 * Twilio error codes that are about the recipient, not about us or Twilio: a retry cannot succeed.
 * 21211 invalid To, 21214 To cannot be reached, 21408 region not enabled, 21610 the phone replied
 * STOP, 21612 cannot route to this number, 21614 not a mobile number, 21635 not a mobile (landline).
 */
const RECIPIENT_ERRORS = new Set([21211, 21214, 21408, 21610, 21612, 21614, 21635]);

export const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/**
 * Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded,
 * HTTP Basic AccountSid:AuthToken. Twilio queues the message (201); delivery is asynchronous, so a
 * taken message is a sent one here. Logs carry Twilio's code and status only: never the token, the
 * text (it holds the code) or the phone number.
 */
export class TwilioSmsProvider implements SmsProvider {
  private readonly url: string;
  private readonly authorization: string;

  constructor(
    private readonly settings: TwilioSmsSettings,
    private readonly logger?: Logger,
  ) {
    this.url = `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`, 'utf8').toString('base64')}`;
  }

  async send(to: string, text: string): Promise<void> {
    const form = new URLSearchParams({ To: to, Body: text });
    form.set(MESSAGING_SERVICE_SID.test(this.settings.from) ? 'MessagingServiceSid' : 'From', this.settings.from);
    let res: Response;
    let body: unknown;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      const raw = await res.text();
      body = raw ? JSON.parse(raw) : undefined;
    } catch (err) {
      // Timeout, connection refused, reset, or a body that is not JSON (a proxy's HTML page).
      const what = (err as Error).name === 'TimeoutError' ? `no answer within ${this.settings.timeoutMs} ms` : `unreachable or unreadable answer (${(err as Error).name})`;
      return this.fail('unavailable', `Twilio: ${what}`);
    }
    if (res.status === 200 || res.status === 201) {
      const message = body as { sid?: unknown; status?: unknown };
      if (typeof message?.sid === 'string' && message.status !== 'failed' && message.status !== 'undelivered') return;
      return this.fail('unavailable', `Twilio answered ${res.status} without a queued message`);
    }
    const error = (body ?? {}) as TwilioError;
    const code = typeof error.code === 'number' ? error.code : undefined;
    const detail = `Twilio ${res.status}${code ? ` error ${code}` : ''}`;
    if (res.status === 400 && code !== undefined && RECIPIENT_ERRORS.has(code)) {
      // Twilio's message names the number it refused; the caller sent that number, so it may see it.
      return this.fail('recipient', `${this.clean(error.message) || 'refused by the SMS gateway'} (${detail})`, detail);
    }
    // 401/403: our credentials or account; 429: Twilio's rate limit; 5xx: Twilio itself.
    return this.fail('unavailable', detail);
  }

  /** `logged` leaves out Twilio's message, which may name the phone. */
  private fail(kind: SmsProviderError['kind'], message: string, logged = message): never {
    this.logger?.warn({ provider: 'twilio', kind, reason: logged }, 'SMS not sent');
    throw new SmsProviderError(kind, message);
  }

  /** Twilio's message, bounded and without our credential should it ever echo it. */
  private clean(message: unknown): string {
    if (typeof message !== 'string') return '';
    return message.split(this.settings.authToken).join('[redacted]').slice(0, 300);
  }
}
