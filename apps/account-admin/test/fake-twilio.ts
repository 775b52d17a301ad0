import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TwilioRequest {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  form: Record<string, string>;
}

/** What the next messages get: queued, a Twilio error (status + code), or no answer at all. */
export type TwilioMode = { kind: 'ok' } | { kind: 'error'; status: number; code: number; message: string } | { kind: 'hang' };

/**
 * A local server speaking Twilio's Messages API closely enough for the client's tests: it checks the
 * path, HTTP Basic AccountSid:AuthToken, the form body and its required fields, and answers Twilio's
 * message resource (201) or its error body `{code, message, more_info, status}`.
 */
export class FakeTwilio {
  readonly requests: TwilioRequest[] = [];
  mode: TwilioMode = { kind: 'ok' };
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  constructor(
    readonly accountSid: string,
    public authToken: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers['content-type'] ?? '';
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const path = req.url ?? '';
    this.requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? '', contentType, form });

    const error = (status: number, code: number, message: string) =>
      this.json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
    if (req.method !== 'POST' || path !== `/2010-04-01/Accounts/${this.accountSid}/Messages.json`) return error(404, 20404, 'The requested resource was not found');
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return error(401, 20003, 'Authenticate');
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return error(400, 20001, 'Invalid content type');
    if (!form['To']) return error(400, 21604, "A 'To' phone number is required.");
    if (!form['Body']) return error(400, 21602, 'Message body is required.');
    if (!form['From'] && !form['MessagingServiceSid']) return error(400, 21603, "The 'From' phone number is required.");

    const mode = this.mode;
    if (mode.kind === 'hang') {
      this.hanging.add(res);
      return;
    }
    if (mode.kind === 'error') return error(mode.status, mode.code, mode.message.replace('{To}', form['To']));
    const sid = `SM${randomBytes(16).toString('hex')}`;
    this.json(res, 201, {
      sid,
      account_sid: this.accountSid,
      to: form['To'],
      from: form['From'] ?? null,
      messaging_service_sid: form['MessagingServiceSid'] ?? null,
      body: form['Body'],
      status: form['MessagingServiceSid'] ? 'accepted' : 'queued',
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      price: null,
      error_code: null,
      error_message: null,
      date_created: new Date().toUTCString(),
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
    });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}
