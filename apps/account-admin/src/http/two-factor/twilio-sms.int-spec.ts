import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { SmsProviderError, TwilioSmsProvider, twoFactorCodeKey } from '@leadx/accounts-data-access';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';
import { FakeTwilio } from '../../../test/fake-twilio';

const ACCOUNT_SID = `AC${'5e'.repeat(16)}`;
const AUTH_TOKEN = 'twilio-auth-token-0123456789abcdef';
const FROM = '+15125550199';
const TIMEOUT_MS = 400;

describe('2FA through Twilio (SMS_PROVIDER=twilio, a local Twilio protocol server)', () => {
  let twilio: FakeTwilio;
  let api: AccountApiHarness;
  let redis: Redis;

  beforeAll(async () => {
    twilio = await new FakeTwilio(ACCOUNT_SID, AUTH_TOKEN).start();
    api = await startAccountApi({
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: FROM,
      TWILIO_BASE_URL: twilio.url,
      SMS_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    redis = api.service.infra.redis;
  });
  afterAll(async () => {
    await api?.close();
    await twilio?.close();
  });
  beforeEach(() => {
    twilio.mode = { kind: 'ok' };
    twilio.authToken = AUTH_TOKEN;
    twilio.requests.length = 0;
  });

  const phoneHash = (e164: string) => createHash('sha256').update(e164).digest('hex');
  /** A fresh US number (512-555-xxxx) with what an earlier run left for it cleared. */
  const newPhone = async () => {
    const line = String(randomInt(0, 10_000)).padStart(4, '0');
    const e164 = `+1512555${line}`;
    await redis.del(...['code', 'cooldown', 'sends'].map((k) => `accounts:2fa:${k}:${phoneHash(e164)}`));
    return { digits: `512555${line}`, e164 };
  };
  const send = (phone: string) => api.call('POST', `/v1/data/validation/2fa/${encodeURIComponent(phone)}/send`);
  const verify = (phone: string, code: string) => api.call('POST', `/v1/data/validation/2fa/${encodeURIComponent(phone)}/verify/${code}`);

  it('posts the message form to Twilio with Basic auth, and the code it carried verifies', async () => {
    const phone = await newPhone();
    const sent = await send(phone.digits);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ success: true, message: '2 factor message has been sent' });

    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(Object.keys(request.form).sort()).toEqual(['Body', 'From', 'To']);
    expect(request.form).toMatchObject({ To: phone.e164, From: FROM });
    const code = /\b(\d{6})\b/.exec(request.form['Body'])?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    expect((await verify(phone.digits, String((Number(code) + 1) % 1_000_000).padStart(6, '0'))).status).toBe(400);
    const ok = await verify(phone.e164, code);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true, message: '2 factor successfully verified' });
  });

  it("answers the seed's shape with success false and 400 when Twilio refuses the phone; no code stands", async () => {
    const phone = await newPhone();
    twilio.mode = { kind: 'error', status: 400, code: 21211, message: "The 'To' number {To} is not a valid phone number." };
    const refused = await send(phone.digits);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      success: false,
      message: `the 2 factor message cannot be sent to this phone number: The 'To' number ${phone.e164} is not a valid phone number. (Twilio 400 error 21211)`,
    });
    expect(await redis.exists(twoFactorCodeKey(phone.e164))).toBe(0);
    const verifyAnyway = await verify(phone.digits, '123456');
    expect(verifyAnyway.body).toEqual({ success: false, message: expect.stringMatching(/no valid 2 factor code/) });
  });

  it('answers 503 with success false when Twilio fails, refuses our credentials or does not answer; a retry goes through at once', async () => {
    const phone = await newPhone();
    const failed = { success: false, message: 'the 2 factor message could not be sent (SMS gateway unavailable); retry later' };

    twilio.mode = { kind: 'error', status: 500, code: 20500, message: 'Internal Server Error' };
    const down = await send(phone.digits);
    expect(down.status).toBe(503);
    expect(down.body).toEqual(failed);

    twilio.mode = { kind: 'ok' };
    twilio.authToken = 'rotated-token';
    const unauthorised = await send(phone.digits);
    expect(unauthorised.status).toBe(503);
    expect(unauthorised.body).toEqual(failed);
    twilio.authToken = AUTH_TOKEN;

    twilio.mode = { kind: 'hang' };
    const started = Date.now();
    const slow = await send(phone.digits);
    expect(slow.status).toBe(503);
    expect(slow.body).toEqual(failed);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000);
    expect(await redis.exists(twoFactorCodeKey(phone.e164))).toBe(0);

    // No SMS reached the phone, so the resend cooldown did not start: Twilio is back, the user retries.
    twilio.mode = { kind: 'ok' };
    const retried = await send(phone.digits);
    expect(retried.status).toBe(200);
    expect(twilio.requests).toHaveLength(4);
    const code = /\b(\d{6})\b/.exec(twilio.requests[3].form['Body'])?.[1] ?? '';
    expect((await verify(phone.digits, code)).status).toBe(200);
  });

  it('sends through a Messaging Service when TWILIO_FROM is one, and never logs the token, the text or the phone', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const messagingService = `MG${'ab'.repeat(16)}`;
    const provider = new TwilioSmsProvider({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: messagingService, baseUrl: `${twilio.url}/`, timeoutMs: TIMEOUT_MS }, logger);

    await provider.send('+15125550100', 'Your code is 424242');
    expect(twilio.requests[0].form).toEqual({ To: '+15125550100', Body: 'Your code is 424242', MessagingServiceSid: messagingService });

    for (const mode of [{ kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' }, { kind: 'hang' }] as const) {
      twilio.mode = mode;
      const err = await provider.send('+15125550100', 'Your code is 424242').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmsProviderError);
      expect((err as SmsProviderError).kind).toBe('unavailable');
    }
    twilio.mode = { kind: 'error', status: 400, code: 21614, message: "'To' number is not a valid mobile number" };
    const refused = await provider.send('+15125550100', 'Your code is 424242').catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'recipient', message: expect.stringMatching(/not a valid mobile number \(Twilio 400 error 21614\)/) });

    expect(lines.length).toBe(3);
    const logged = lines.join('\n');
    expect(logged).toMatch(/Twilio 429 error 20429/);
    for (const secret of [AUTH_TOKEN, Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64'), '424242', '5125550100']) expect(logged).not.toContain(secret);
  });
});
