import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface TwoFactorPolicy {
  codeDigits: number;
  codeTtlSeconds: number;
  maxAttempts: number;
  resendCooldownSeconds: number;
  maxSendsPerHour: number;
}

/** The 2FA policy (seed 003 "Send/Verify 2FA SMS Code" is silent on all of it). */
export const TWO_FACTOR_POLICY: Readonly<TwoFactorPolicy> = {
  codeDigits: 6,
  /** A code is valid this long after it is sent. */
  codeTtlSeconds: 300,
  /** Wrong codes allowed per sent code; the last one burns it. */
  maxAttempts: 5,
  /** A new code for the same phone no sooner than this after the previous one. */
  resendCooldownSeconds: 60,
  /** At most this many codes per phone in a rolling hour window (started by the first send). */
  maxSendsPerHour: 5,
};

/** The seed's answers, and ours for the outcomes the seed does not show. */
export const TWO_FACTOR_MESSAGES = {
  sent: '2 factor message has been sent',
  verified: '2 factor successfully verified',
  wrongCode: (attemptsLeft: number) => `2 factor code is incorrect; ${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left`,
  noCode: 'no valid 2 factor code for this phone number (never sent, expired, already used or burnt); request a new one',
  locked: `too many incorrect 2 factor codes: the code is no longer valid; request a new one`,
  rateLimited: (retryAfterSeconds: number) => `too many 2 factor messages to this phone number; retry in ${retryAfterSeconds} s`,
  /** The SMS gateway refused this phone (not a mobile, unsubscribed, invalid...): retrying will not help. */
  phoneRefused: (reason: string) => `the 2 factor message cannot be sent to this phone number: ${reason}`,
  /** The SMS gateway failed or could not be reached: retrying later may work. */
  sendFailed: 'the 2 factor message could not be sent (SMS gateway unavailable); retry later',
} as const;

const MAX_PHONE_INPUT = 40;

/**
 * A phone number as E.164 ("+15125550100"), or undefined when it is not a valid number. National
 * numbers without a country code are read as US/NANP numbers (the seed's "number" type means
 * digits such as 5125550100 or 15125550100); other countries need their "+" prefix.
 */
export function normaliseTwoFactorPhone(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_PHONE_INPUT) return undefined;
  const text = raw.trim();
  if (!/^\+?[\d\s().-]{7,}$/.test(text)) return undefined;
  const parsed = parsePhoneNumberFromString(text, 'US');
  return parsed && parsed.isValid() ? parsed.number : undefined;
}

/** Exactly the six digits a code has: anything else cannot be right and is refused before counting. */
export function isTwoFactorCodeFormat(raw: unknown): raw is string {
  return typeof raw === 'string' && new RegExp(`^\\d{${TWO_FACTOR_POLICY.codeDigits}}$`).test(raw);
}

/** A uniformly drawn integer in [0, 10^digits) as a zero-padded code ("004217"). */
export function formatTwoFactorCode(n: number): string {
  return String(n).padStart(TWO_FACTOR_POLICY.codeDigits, '0');
}

export function twoFactorSmsText(code: string): string {
  return `Your LeadX verification code is ${code}. It expires in ${TWO_FACTOR_POLICY.codeTtlSeconds / 60} minutes.`;
}

/** A phone number for logs: country code and the last two digits only. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 2)}${'*'.repeat(Math.max(0, e164.length - 4))}${e164.slice(-2)}`;
}
