import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { SpecialBit } from './lead-field-definition';
import { toUsStateCode } from './us-states';

/** A normalisation step's outcome: the new value, or the reason (without the field name). */
export type Normalised = { ok: true; value: string } | { ok: false; reason: string };

const ok = (value: string): Normalised => ({ ok: true, value });
const bad = (reason: string): Normalised => ({ ok: false, reason });

// Linear on any input: labels are separated by dots, so there is one way to split them. The input
// is capped at 254 characters (RFC 5321's path limit) before the test anyway.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function normaliseEmail(value: string): Normalised {
  const email = value.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (email.length > 254 || at < 1 || at > 64 || !EMAIL.test(email)) return bad('not a valid email address');
  return ok(email);
}

// Digits and the punctuation people write phone numbers with, plus an optional extension.
const PHONE_TEXT = /^\+?[\d\s().\-/]{7,30}(?:\s*(?:ext|x|#)\.?\s*\d{1,10})?$/i;

/**
 * A North American (NANP, +1) number as its 10 national digits. NANP rather than strictly US,
 * because US lead forms take Canadian and Caribbean +1 numbers in the same 10-digit format. An
 * extension is dropped: the *PhoneExt fields carry extensions.
 */
export function normalisePhone(value: string): Normalised {
  const text = value.trim();
  if (!PHONE_TEXT.test(text)) return bad('not a valid US phone number');
  const parsed = parsePhoneNumberFromString(text, 'US');
  if (!parsed || parsed.countryCallingCode !== '1' || !parsed.isValid()) return bad('not a valid US phone number');
  return ok(String(parsed.nationalNumber));
}

export function normaliseExtension(value: string): Normalised {
  const digits = value.replace(/\D/g, '');
  if (!digits || digits.length > 10 || !/^(?:ext|x|#)?[\s.\d-]*$/i.test(value.trim())) return bad('not a valid phone extension (1 to 10 digits)');
  return ok(digits);
}

export function normaliseState(value: string): Normalised {
  const code = toUsStateCode(value);
  return code ? ok(code) : bad('not a valid US state');
}

/**
 * ZIP or ZIP+4 to the 5-digit ZIP. Buyers' criteria, caps by ZIP and delivery mappings all work on
 * 5 digits, and the +4 part is rarely sent and never used for routing, so it is not kept.
 */
export function normaliseZip(value: string): Normalised {
  const m = /^(\d{5})(?:[\s-]?\d{4})?$/.exec(value.trim());
  return m ? ok(m[1]) : bad('not a valid US ZIP code');
}

/** The normalisation a field gets for its SpecialBit (or isState); identity for the plain ones. */
export function specialBitRule(specialBit: SpecialBit, isState: boolean): ((value: string) => Normalised) | undefined {
  switch (specialBit) {
    case 'Email':
      return normaliseEmail;
    case 'PrimaryPhone':
    case 'AlternatePhone':
    case 'MobilePhone':
    case 'FaxNumber':
      return normalisePhone;
    case 'PrimaryPhoneExt':
    case 'AlternatePhoneExt':
      return normaliseExtension;
    case 'State':
      return normaliseState;
    case 'Zip':
      return normaliseZip;
    default:
      return isState ? normaliseState : undefined;
  }
}
