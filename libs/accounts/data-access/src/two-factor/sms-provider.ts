/** Sends text messages. Only a local implementation exists; a real gateway (Twilio, SNS...) plugs in here. */
export interface SmsProvider {
  /** `to` is E.164. Rejects when the message could not be handed to the gateway. */
  send(to: string, text: string): Promise<void>;
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
