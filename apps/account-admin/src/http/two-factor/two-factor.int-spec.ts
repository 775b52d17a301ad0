import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LocalSmsProvider, SMS_PROVIDER, twoFactorCodeKey } from '@leadx/accounts-data-access';
import { AccountApiHarness, startAccountApi } from '../../../test/account-api-harness';

describe('Account API 2FA SMS codes (real Redis)', () => {
  let api: AccountApiHarness;
  let sms: LocalSmsProvider;
  let redis: Redis;

  beforeAll(async () => {
    api = await startAccountApi();
    sms = api.service.app.get<LocalSmsProvider>(SMS_PROVIDER, { strict: false });
    redis = api.service.infra.redis;
  });
  afterAll(() => api?.close());

  const phoneHash = (e164: string) => createHash('sha256').update(e164).digest('hex');
  /**
   * A valid US number per test (512-555-xxxx), as digits and E.164. Redis outlives a run, so what an
   * earlier run left for the same number (limits, codes) is cleared first.
   */
  const newPhone = async () => {
    const line = String(randomInt(0, 10_000)).padStart(4, '0');
    const e164 = `+1512555${line}`;
    await redis.del(...['code', 'cooldown', 'sends'].map((k) => `accounts:2fa:${k}:${phoneHash(e164)}`));
    return { digits: `512555${line}`, e164 };
  };
  const send = (phone: string) => api.call('POST', `/v1/data/validation/2fa/${encodeURIComponent(phone)}/send`);
  const verify = (phone: string, code: string) => api.call('POST', `/v1/data/validation/2fa/${encodeURIComponent(phone)}/verify/${code}`);
  const codeSentTo = (e164: string) => {
    const text = sms.lastTo(e164)?.text ?? '';
    const m = /\b(\d{6})\b/.exec(text);
    if (!m) throw new Error(`no code sent to ${e164}`);
    return m[1];
  };
  const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const clearCooldown = (e164: string) => redis.del(`accounts:2fa:cooldown:${phoneHash(e164)}`);

  it('sends a 6-digit code by SMS and verifies it once, whatever the phone format', async () => {
    const phone = await newPhone();
    const sent = await send(phone.digits);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ success: true, message: '2 factor message has been sent' });
    const code = codeSentTo(phone.e164);
    expect(code).toMatch(/^\d{6}$/);

    const formatted = `+1 (512) 555-${phone.digits.slice(6)}`;
    const ok = await verify(formatted, code);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ success: true, message: '2 factor successfully verified' });

    const again = await verify(phone.digits, code);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ success: false, message: expect.stringMatching(/no valid 2 factor code/) });
  });

  it('keeps only a hash of the code in Redis, under a key without the phone, for 5 minutes', async () => {
    const phone = await newPhone();
    await send(phone.digits);
    const code = codeSentTo(phone.e164);
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', 'accounts:2fa:*', 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const mine = keys.filter((k) => k.endsWith(phoneHash(phone.e164)));
    expect(mine.length).toBeGreaterThanOrEqual(2); // the code and the send limits
    for (const key of keys) {
      expect(key).not.toContain(code);
      expect(key).not.toContain(phone.digits);
      const type = await redis.type(key);
      const values = type === 'hash' ? Object.values(await redis.hgetall(key)) : type === 'string' ? [(await redis.get(key)) ?? ''] : [];
      for (const v of values) expect(v).not.toContain(code);
    }
    const stored = await redis.hgetall(twoFactorCodeKey(phone.e164));
    expect(stored).toEqual({ h: expect.stringMatching(/^\$argon2id\$/), a: '0' });
    const ttl = await redis.ttl(twoFactorCodeKey(phone.e164));
    expect(ttl).toBeGreaterThan(290);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('counts wrong codes and burns the code at the fifth', async () => {
    const phone = await newPhone();
    await send(phone.digits);
    const code = codeSentTo(phone.e164);
    for (const left of [4, 3, 2, 1]) {
      const wrong = await verify(phone.digits, otherCode(code));
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({ success: false, message: expect.stringContaining(`${left} attempt${left === 1 ? '' : 's'} left`) });
    }
    const fifth = await verify(phone.digits, otherCode(code));
    expect(fifth.status).toBe(429);
    expect(fifth.body).toEqual({ success: false, message: expect.stringMatching(/too many incorrect/) });
    expect(await redis.exists(twoFactorCodeKey(phone.e164))).toBe(0);
    // The right code no longer works: it was burnt.
    const late = await verify(phone.digits, code);
    expect(late.status).toBe(400);
    expect(late.body.success).toBe(false);
  });

  it('accepts the right code after some wrong ones within the limit', async () => {
    const phone = await newPhone();
    await send(phone.digits);
    const code = codeSentTo(phone.e164);
    expect((await verify(phone.digits, otherCode(code))).status).toBe(400);
    expect((await verify(phone.digits, otherCode(code))).status).toBe(400);
    expect((await verify(phone.digits, code)).body).toEqual({ success: true, message: '2 factor successfully verified' });
  });

  it('refuses an expired code', async () => {
    const phone = await newPhone();
    await send(phone.digits);
    const code = codeSentTo(phone.e164);
    // Real expiry, without waiting 5 minutes: let Redis expire the key now.
    await redis.pexpire(twoFactorCodeKey(phone.e164), 1);
    await new Promise((r) => setTimeout(r, 20));
    const res = await verify(phone.digits, code);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, message: expect.stringMatching(/expired/) });
  });

  it('uses a right code once even when two verifications race', async () => {
    const phone = await newPhone();
    await send(phone.digits);
    const code = codeSentTo(phone.e164);
    const results = await Promise.all([verify(phone.digits, code), verify(phone.digits, code), verify(phone.digits, code)]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('limits resends per phone: a cooldown, then an hourly count; a resend replaces the code', async () => {
    const phone = await newPhone();
    expect((await send(phone.digits)).status).toBe(200);
    const first = codeSentTo(phone.e164);
    const soon = await send(phone.digits);
    expect(soon.status).toBe(429);
    expect(soon.body).toEqual({ success: false, message: expect.stringMatching(/retry in \d+ s/) });
    const retryAfter = Number(soon.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(sms.sentTo(phone.e164)).toHaveLength(1);

    for (let i = 2; i <= 5; i++) {
      await clearCooldown(phone.e164);
      expect((await send(phone.digits)).status).toBe(200);
    }
    const second = codeSentTo(phone.e164);
    if (second !== first) expect((await verify(phone.digits, first)).status).toBe(400);
    await clearCooldown(phone.e164);
    const sixth = await send(phone.digits);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(sms.sentTo(phone.e164)).toHaveLength(5);
    expect((await verify(phone.digits, second)).status).toBe(200);
  });

  it('answers 400 naming a malformed phone number or code, without counting an attempt', async () => {
    const bad = await send('not-a-phone');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ StatusCode: 400, Errors: [{ Field: 'phoneNumber' }] });
    expect((await send('123')).status).toBe(400);

    const phone = await newPhone();
    await send(phone.digits);
    for (const code of ['12345', '1234567', 'abcdef', "1'%20OR%201=1"]) {
      const res = await verify(phone.digits, code);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ Errors: [{ Field: 'code' }] });
    }
    expect(await redis.hget(twoFactorCodeKey(phone.e164), 'a')).toBe('0');
    expect((await verify('nope', '123456')).body).toMatchObject({ Errors: [{ Field: 'phoneNumber' }] });
  });
});
