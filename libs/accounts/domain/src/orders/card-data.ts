/**
 * Card data never reaches storage: payment methods are provider tokens, and the only card digits
 * kept are the last four. These helpers refuse or redact anything that looks like a card number.
 */

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * True for a string that is a card number or could be one (12–19 digits, spaces or dashes allowed):
 * used to refuse a "token" that is really a PAN, so no Luhn check is needed to be cautious.
 */
export function looksLikeCardNumber(value: string): boolean {
  return /^\d{12,19}$/.test(value.replace(/[\s-]/g, ''));
}

// 13–19 digits, optionally grouped by single spaces or dashes, not inside a longer digit run.
const CARD_RUN = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

/**
 * Replaces every Luhn-valid 13–19 digit run of a free text (e.g. a processor's response logged with
 * a payment) by its masked form, so a card number a caller pastes there is not stored.
 */
export function redactCardNumbers(text: string): string {
  return text.replace(CARD_RUN, (run) => {
    const digits = run.replace(/[ -]/g, '');
    return luhnValid(digits) ? maskedCardNumber(digits.slice(-4)) : run;
  });
}

/** The seed's masked CardNumber; empty when the last four digits are unknown. */
export function maskedCardNumber(last4: string | null | undefined): string {
  return last4 ? `XXXXXXXXXXXX${last4}` : '';
}

/** The seed's masked ExpDate: expiry dates are not stored, so every digit is masked. */
export const MASKED_CARD_EXP_DATE = 'XX/XX';
