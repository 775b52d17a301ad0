import { buildSmsText, RenderedField, toE164 } from '@leadx/delivery-domain';
import { LoadedMethod } from '../delivery-plan';
import { MethodResult, notSentResult } from '../method-result';

/** Sends a lead notification by text message. Rejects when the gateway did not take it. */
export interface DeliverySmsProvider {
  /** `to` is E.164. */
  send(to: string, text: string): Promise<void>;
}

export interface SentDeliverySms {
  to: string;
  text: string;
  sentAt: Date;
}

/**
 * Development and test provider: sends nothing, keeps the last messages (bounded) so a developer or
 * a test can read them. A real gateway implements DeliverySmsProvider.
 */
export class LocalDeliverySmsProvider implements DeliverySmsProvider {
  private readonly messages: SentDeliverySms[] = [];

  constructor(private readonly keep = 1_000) {}

  async send(to: string, text: string): Promise<void> {
    this.messages.push({ to, text, sentAt: new Date() });
    if (this.messages.length > this.keep) this.messages.splice(0, this.messages.length - this.keep);
  }

  sentTo(to: string): SentDeliverySms[] {
    return this.messages.filter((m) => m.to === to);
  }
}

/**
 * SMS Notification: the method's EmailTemplate (or the fields as lines) to tAddress / EmailAddress
 * read as phone numbers (`,`/`;` lists, `{Field}` placeholders allowed). Sold when the gateway took
 * it for at least one number.
 */
export async function deliverBySms(method: LoadedMethod, fields: RenderedField[], sms: DeliverySmsProvider): Promise<MethodResult> {
  const numbers = method.email.to
    .split(/[,;]/)
    .map((n) => n.trim().replace(/\{([^{}]{1,128})\}/g, (_m, name: string) => fields.find((f) => f.name.toLowerCase() === name.trim().toLowerCase())?.value ?? ''))
    .map(toE164)
    .filter((n): n is string => n !== null);
  if (!numbers.length) return notSentResult('SMS Notification has no valid phone number (tAddress / EmailAddress); not sent');
  const text = buildSmsText(method.email.template, fields);
  const started = Date.now();
  const sent: string[] = [];
  const errors: string[] = [];
  for (const to of [...new Set(numbers)]) {
    try {
      await sms.send(to, text);
      sent.push(to);
    } catch (err) {
      errors.push(`${to}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return {
    outcome: sent.length ? 'sold' : 'failed',
    message: sent.length ? `text sent to ${sent.join(', ')}` : `SMS gateway did not take the message (${errors.join('; ')})`,
    requestUrl: `sms:${numbers.join(',')}`, requestBody: text, responseStatus: null, responseBody: errors.join('; ') || null, durationMs: Date.now() - started,
  };
}
