/** Sends text messages: `LocalSmsProvider` (development, tests) or `TwilioSmsProvider` (production). */
export interface SmsProvider {
  /** `to` is E.164. Rejects (SmsProviderError) when the message could not be handed to the gateway. */
  send(to: string, text: string): Promise<void>;
}

/**
 * The gateway did not take the message. `recipient`: it refused this phone (invalid, not a mobile,
 * unsubscribed), so a retry will not help; `unavailable`: it failed, timed out or refused our
 * credentials, so a later retry may work. The message never holds the text sent (it holds the code)
 * nor a credential.
 */
export class SmsProviderError extends Error {
  constructor(
    readonly kind: 'recipient' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

export interface RecordedSms {
  to: string;
  text: string;
  sentAt: Date;
}

/**
 * Dev and test provider: sends nothing, keeps the last messages in memory so a developer or a test
 * can read a code. Bounded, so a long-running dev server does not grow without end.
 */
export class LocalSmsProvider implements SmsProvider {
  private readonly messages: RecordedSms[] = [];

  constructor(private readonly keep = 1000) {}

  async send(to: string, text: string): Promise<void> {
    this.messages.push({ to, text, sentAt: new Date() });
    if (this.messages.length > this.keep) this.messages.splice(0, this.messages.length - this.keep);
  }

  /** Messages sent to `to` (E.164), oldest first. */
  sentTo(to: string): RecordedSms[] {
    return this.messages.filter((m) => m.to === to);
  }

  lastTo(to: string): RecordedSms | undefined {
    return this.sentTo(to).at(-1);
  }
}
