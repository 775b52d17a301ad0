import { formatTwoFactorCode, isTwoFactorCodeFormat, maskPhone, normaliseTwoFactorPhone, TWO_FACTOR_MESSAGES } from './two-factor-rules';

describe('2FA rules', () => {
  it.each([
    ['5125550100', '+15125550100'],
    ['15125550100', '+15125550100'],
    ['+1 (512) 555-0100', '+15125550100'],
    ['512.555.0100', '+15125550100'],
    ['+447911123456', '+447911123456'],
  ])('normalises %p to %p', (raw, e164) => {
    expect(normaliseTwoFactorPhone(raw)).toBe(e164);
  });

  it.each([['123'], ['not a phone'], ['5125550100; DROP TABLE leads'], ['0000000000'], ['+1 555'], ['9'.repeat(60)], [''], [5125550100]])('refuses %p', (raw) => {
    expect(normaliseTwoFactorPhone(raw)).toBeUndefined();
  });

  it('accepts only six digits as a code', () => {
    expect(isTwoFactorCodeFormat('012345')).toBe(true);
    for (const bad of ['12345', '1234567', '12345a', ' 123456', '', 123456]) expect(isTwoFactorCodeFormat(bad)).toBe(false);
  });

  it('pads codes to six digits', () => {
    expect(formatTwoFactorCode(42)).toBe('000042');
    expect(formatTwoFactorCode(999_999)).toBe('999999');
  });

  it('says how many attempts are left, and masks phones for logs', () => {
    expect(TWO_FACTOR_MESSAGES.wrongCode(1)).toMatch(/1 attempt left/);
    expect(TWO_FACTOR_MESSAGES.wrongCode(3)).toMatch(/3 attempts left/);
    expect(maskPhone('+15125550100')).toBe('+1********00');
  });
});
