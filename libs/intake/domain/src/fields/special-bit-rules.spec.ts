import { defineLeadField, SpecialBit, toUsStateCode, validateLeadFields } from '../index';

function check(specialBit: SpecialBit, value: string, isState = false): string {
  const result = validateLeadFields({ F: value }, [defineLeadField({ name: 'F', specialBit, isState })]);
  return result.errors.length ? `ERR ${result.errors.map((e) => e.message).join('; ')}` : result.fields['F'] ?? '(absent)';
}

describe('SpecialBit normalisation', () => {
  it.each<[SpecialBit, string, string]>([
    ['Email', '  Jane.Doe+Leads@Example.COM ', 'jane.doe+leads@example.com'],
    ['Email', "o'brien@sub.example.co.uk", "o'brien@sub.example.co.uk"],
    ['PrimaryPhone', '(202) 555-0123', '2025550123'],
    ['PrimaryPhone', '+1 202.555.0123', '2025550123'],
    ['PrimaryPhone', '1-202-555-0123', '2025550123'],
    ['PrimaryPhone', '202-555-0123 ext. 45', '2025550123'],
    ['AlternatePhone', '800 555 1212', '8005551212'],
    ['MobilePhone', '(416) 555-0199', '4165550199'],
    ['FaxNumber', '202/555/0123', '2025550123'],
    ['PrimaryPhoneExt', 'x 123', '123'],
    ['AlternatePhoneExt', 'ext.45', '45'],
    ['PrimaryPhoneExt', '0042', '0042'],
    ['State', 'tx', 'TX'],
    ['State', 'Texas', 'TX'],
    ['State', '  new   YORK ', 'NY'],
    ['State', 'D.C.', 'DC'],
    ['State', 'District of Columbia', 'DC'],
    ['State', 'Puerto Rico', 'PR'],
    ['State', 'AE', 'AE'],
    ['Zip', '02134', '02134'],
    ['Zip', '75001-1234', '75001'],
    ['Zip', '750011234', '75001'],
    ['Zip', '75001 1234', '75001'],
    ['FirstName', '  Jane  ', 'Jane'],
    ['Company', 'ACME, Inc.', 'ACME, Inc.'],
    ['WebSite', 'https://example.com', 'https://example.com'],
    ['NoSpecialBit', 'x', 'x'],
  ])('%s %p => %p', (bit, value, stored) => {
    expect(check(bit, value)).toBe(stored);
  });

  it.each<[SpecialBit, string, RegExp]>([
    ['Email', 'jane', /^ERR F: not a valid email address$/],
    ['Email', 'jane@', /not a valid email/],
    ['Email', '@example.com', /not a valid email/],
    ['Email', 'jane@example', /not a valid email/],
    ['Email', 'jane@@example.com', /not a valid email/],
    ['Email', 'jane doe@example.com', /not a valid email/],
    ['Email', 'jane@-example.com', /not a valid email/],
    ['Email', 'jane..doe@example.com', /not a valid email/],
    ['Email', `${'a'.repeat(65)}@example.com`, /not a valid email/],
    ['Email', `a@${'b'.repeat(250)}.com`, /not a valid email/],
    ['PrimaryPhone', '555-555-5555', /^ERR F: not a valid US phone number$/],
    ['PrimaryPhone', '123', /not a valid US phone/],
    ['PrimaryPhone', '+44 20 7946 0958', /not a valid US phone/],
    ['PrimaryPhone', 'call me 2025550123', /not a valid US phone/],
    ['MobilePhone', '202-555-01234', /not a valid US phone/],
    ['FaxNumber', 'n/a', /not a valid US phone/],
    ['PrimaryPhoneExt', 'none', /not a valid phone extension/],
    ['PrimaryPhoneExt', '12345678901', /not a valid phone extension/],
    ['AlternatePhoneExt', '12 then 34abc', /not a valid phone extension/],
    ['State', 'Texass', /^ERR F: not a valid US state$/],
    ['State', 'XX', /not a valid US state/],
    ['State', 'Ontario', /not a valid US state/],
    ['Zip', '7500', /^ERR F: not a valid US ZIP code$/],
    ['Zip', '75001-12', /not a valid US ZIP/],
    ['Zip', 'ABCDE', /not a valid US ZIP/],
    ['Zip', 'K1A 0B1', /not a valid US ZIP/],
  ])('%s %p is refused', (bit, value, message) => {
    expect(check(bit, value)).toMatch(message);
  });

  it('isState normalises a field that is not SpecialBit State', () => {
    expect(check('NoSpecialBit', 'california', true)).toBe('CA');
    expect(check('NoSpecialBit', 'Cali', true)).toMatch(/not a valid US state/);
  });

  it('a hostile email does not make the check slow', () => {
    const started = Date.now();
    for (const value of ['a'.repeat(5000), `${'a.'.repeat(120)}@${'b-'.repeat(60)}`, `x@${'a.'.repeat(126)}`, `x@${'a'.repeat(61)}-`.repeat(4)]) {
      expect(check('Email', value)).toMatch(/ERR/);
    }
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('toUsStateCode covers all 50 states, DC and refuses the rest', () => {
    const names = ['Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Georgia', 'Hawaii', 'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts', 'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island', 'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'Washington', 'West Virginia', 'Wisconsin', 'Wyoming'];
    const codes = names.map(toUsStateCode);
    expect(codes.every((c) => c && /^[A-Z]{2}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(50);
    expect(toUsStateCode('Washington D.C.')).toBe('DC');
    expect(toUsStateCode('')).toBeUndefined();
    expect(toUsStateCode('x'.repeat(100))).toBeUndefined();
  });
});
