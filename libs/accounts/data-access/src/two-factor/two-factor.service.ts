import { createHash, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import { formatTwoFactorCode, TWO_FACTOR_POLICY, TwoFactorPolicy, twoFactorSmsText } from '@leadx/accounts-domain';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { SmsProvider } from './sms-provider';

export type TwoFactorSendResult = { ok: true } | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export type TwoFactorVerifyResult =
  | { ok: true }
  | { ok: false; reason: 'wrong_code'; attemptsLeft: number }
  | { ok: false; reason: 'no_code' }
  | { ok: false; reason: 'locked' };

/** Keys name the phone by its SHA-256: a Redis dump lists no phone numbers. */
const phoneKey = (e164: string) => createHash('sha256').update(e164, 'utf8').digest('hex');
export const twoFactorCodeKey = (e164: string) => `accounts:2fa:code:${phoneKey(e164)}`;
const cooldownKey = (e164: string) => `accounts:2fa:cooldown:${phoneKey(e164)}`;
const hourlyKey = (e164: string) => `accounts:2fa:sends:${phoneKey(e164)}`;

// Both send limits in one step: a cooldown between sends and a count per hour. Answers the
// milliseconds to wait, 0 when the send may go ahead (and has been counted).
const TAKE_SEND_SLOT = `
local cooldown = redis.call('PTTL', KEYS[1])
if cooldown > 0 then return cooldown end
local sends = tonumber(redis.call('GET', KEYS[2]) or '0')
if sends >= tonumber(ARGV[2]) then
  local wait = redis.call('PTTL', KEYS[2])
  if wait > 0 then return wait end
end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
if redis.call('INCR', KEYS[2]) == 1 or redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
return 0`;

// Counts an attempt before the code is checked, so parallel guesses cannot exceed the limit.
// Answers {attempt number, stored hash}, or {-1} when there is no code.
const TAKE_ATTEMPT = `
local h = redis.call('HGET', KEYS[1], 'h')
if not h then return {-1, ''} end
return {redis.call('HINCRBY', KEYS[1], 'a', 1), h}`;

// Deletes the code only if it is still the one that was checked (a resend may have replaced it).
const DELETE_IF_SAME = `
if redis.call('HGET', KEYS[1], 'h') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * 2FA by SMS (seed 003 "Send/Verify 2FA SMS Code"). A code is 6 random digits, kept in Redis only
 * as an argon2id hash (a 6-digit code's plain SHA-256 would be reversed in a second; argon2id makes
 * each guess cost tens of ms, far past the code's life) with the attempts made, for
 * TWO_FACTOR_POLICY.codeTtlSeconds. Each wrong code counts; the last allowed one burns the code. A
 * right code is used once. Sends per phone are limited (cooldown and hourly count). Phones are
 * E.164 (normalised by the caller).
 */
export class TwoFactorService {
  constructor(
    private readonly redis: Redis,
    private readonly sms: SmsProvider,
    private readonly policy: Readonly<TwoFactorPolicy> = TWO_FACTOR_POLICY,
  ) {}

  async send(e164: string): Promise<TwoFactorSendResult> {
    const waitMs = Number(
      await this.redis.eval(TAKE_SEND_SLOT, 2, cooldownKey(e164), hourlyKey(e164), this.policy.resendCooldownSeconds * 1000, this.policy.maxSendsPerHour, 3_600_000),
    );
    if (waitMs > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.ceil(waitMs / 1000) };
    const code = formatTwoFactorCode(randomInt(0, 10 ** this.policy.codeDigits));
    const key = twoFactorCodeKey(e164);
    // A new code replaces the previous one and its attempt count.
    await this.redis.multi().del(key).hset(key, 'h', await hashPassword(code), 'a', '0').expire(key, this.policy.codeTtlSeconds).exec();
    try {
      await this.sms.send(e164, twoFactorSmsText(code));
    } catch (err) {
      // Nothing reached the phone: no code stands, and the cooldown is lifted so the user can retry
      // at once (the hourly count still counts the attempt, bounding calls to a failing gateway).
      await this.redis.del(key, cooldownKey(e164));
      throw err;
    }
    return { ok: true };
  }

  /** `code` must already have the code format (six digits): malformed input is not an attempt. */
  async verify(e164: string, code: string): Promise<TwoFactorVerifyResult> {
    const key = twoFactorCodeKey(e164);
    const [attempt, hash] = (await this.redis.eval(TAKE_ATTEMPT, 1, key)) as [number, string];
    if (attempt < 0) return { ok: false, reason: 'no_code' };
    if (attempt > this.policy.maxAttempts) {
      await this.redis.eval(DELETE_IF_SAME, 1, key, hash);
      return { ok: false, reason: 'locked' };
    }
    if (await verifyPassword(hash, code)) {
      // Single use: of two concurrent right answers only the one that deletes the code succeeds.
      const deleted = Number(await this.redis.eval(DELETE_IF_SAME, 1, key, hash));
      return deleted === 1 ? { ok: true } : { ok: false, reason: 'no_code' };
    }
    if (attempt >= this.policy.maxAttempts) {
      await this.redis.eval(DELETE_IF_SAME, 1, key, hash);
      return { ok: false, reason: 'locked' };
    }
    return { ok: false, reason: 'wrong_code', attemptsLeft: this.policy.maxAttempts - attempt };
  }
}
