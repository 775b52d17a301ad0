import {
  compileFieldDefinitions,
  defineLeadField,
  describeFieldErrors,
  FIELD_LIMITS,
  LeadFieldDefinition,
  toFieldDataType,
  toSpecialBit,
  validateLeadFields,
} from '../index';

const NOW = () => new Date('2024-06-15T12:00:00Z');

/** A realistic lead type: the seed's system fields plus typed and enumerated ones. */
const LEAD_TYPE: LeadFieldDefinition[] = [
  defineLeadField({ name: 'FirstName', required: true, specialBit: 'FirstName', invalidChars: "[^A-Za-z '\\-]" }),
  defineLeadField({ name: 'LastName', required: true, specialBit: 'LastName' }),
  defineLeadField({ name: 'Email', required: true, specialBit: 'Email' }),
  defineLeadField({ name: 'PrimaryPhone', specialBit: 'PrimaryPhone' }),
  defineLeadField({ name: 'State', required: true, specialBit: 'State' }),
  defineLeadField({ name: 'Zip', specialBit: 'Zip' }),
  defineLeadField({ name: 'Age', dataType: 'Int' }),
  defineLeadField({ name: 'DOB', dataType: 'DateTime' }),
  defineLeadField({ name: 'CreditRating', enumerated: true, enums: ['Excellent', 'Good', 'Fair', 'Poor'] }),
  defineLeadField({ name: 'PolicyNumber', validation: '^[A-Z]{3}-\\d{6}$', formatError: 'must look like ABC-123456' }),
  defineLeadField({ name: 'FullName', computed: true, computedExpr: 'concat(FirstName, " ", LastName)' }),
  defineLeadField({ name: 'Adult', computed: true, dataType: 'Bit', computedExpr: 'age(DOB) >= 18' }),
];

const GOOD_LEAD = {
  FirstName: ' Jane3 ',
  LastName: 'Doe',
  email: 'JANE@Example.com',
  PrimaryPhone: '(202) 555-0123',
  State: 'texas',
  Zip: '75001-1234',
  Age: '042',
  DOB: '07/01/1980',
  CreditRating: 'good',
  PolicyNumber: 'ABC-123456',
  FullName: 'posted value is ignored',
  SubID: 'aff-77',
};

describe('validateLeadFields: a whole lead', () => {
  const rules = compileFieldDefinitions(LEAD_TYPE, { now: NOW });

  it('normalises every field and keeps unknown ones verbatim', () => {
    const result = rules.validate(GOOD_LEAD);
    expect(result.errors).toEqual([]);
    expect(result.fields).toEqual({
      FirstName: 'Jane',
      LastName: 'Doe',
      Email: 'jane@example.com',
      PrimaryPhone: '2025550123',
      State: 'TX',
      Zip: '75001',
      Age: '42',
      DOB: '1980-07-01T00:00:00',
      CreditRating: 'Good',
      PolicyNumber: 'ABC-123456',
      FullName: 'Jane Doe',
      Adult: '1',
      SubID: 'aff-77',
    });
    expect(result.ignored).toEqual([]);
    expect(rules.definitionErrors).toEqual([]);
  });

  it('collects every error, in definition order, each naming its field', () => {
    const result = rules.validate({
      FirstName: '123',
      Email: 'not-an-email',
      PrimaryPhone: '555-555-5555',
      State: 'Atlantis',
      Zip: '123',
      Age: 'forty',
      DOB: '1980-02-30',
      CreditRating: 'Superb',
      PolicyNumber: 'abc-1',
    });
    expect(result.errors).toEqual([
      { field: 'FirstName', message: 'FirstName: is required' },
      { field: 'LastName', message: 'LastName: is required' },
      { field: 'Email', message: 'Email: not a valid email address' },
      { field: 'PrimaryPhone', message: 'PrimaryPhone: not a valid US phone number' },
      { field: 'State', message: 'State: not a valid US state' },
      { field: 'Zip', message: 'Zip: not a valid US ZIP code' },
      { field: 'Age', message: 'Age: not a valid Int (a whole number)' },
      { field: 'DOB', message: expect.stringMatching(/^DOB: not a valid DateTime/) },
      { field: 'CreditRating', message: 'CreditRating: not one of the allowed values (Excellent, Good, Fair, Poor)' },
      { field: 'PolicyNumber', message: 'PolicyNumber: must look like ABC-123456' },
    ]);
    expect(describeFieldErrors(result.errors.slice(0, 2))).toBe('FirstName: is required; LastName: is required');
  });

  it('leaves empty optional fields out, and only checks what is there', () => {
    const result = rules.validate({ FirstName: 'Al', LastName: 'Bo', Email: 'a@b.co', State: 'CA', Zip: '   ', Age: '' });
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.fields)).toEqual(['FirstName', 'LastName', 'Email', 'State', 'FullName', 'Adult']);
    // age(missing) is null and null >= 18 is false: the expression decides, not the absence.
    expect(result.fields['Adult']).toBe('0');
  });

  it('reuses one compiled rule set across many leads (well under a millisecond each when idle)', () => {
    const started = Date.now();
    let failures = 0;
    for (let i = 0; i < 1000; i++) failures += rules.validate({ ...GOOD_LEAD, Age: String(i) }).errors.length;
    expect(failures).toBe(0);
    // Generous bound for a loaded CI machine; it only catches a pathological regression.
    expect(Date.now() - started).toBeLessThan(4000);
  });
});

describe('validateLeadFields: each rule', () => {
  it('InvalidChars strips every match before the other checks, then trims again', () => {
    const defs = [defineLeadField({ name: 'Phone', invalidChars: '[^0-9]', validation: '^\\d{10}$' })];
    expect(validateLeadFields({ Phone: '(202) 555-0123' }, defs).fields['Phone']).toBe('2025550123');
    const names = [defineLeadField({ name: 'Name', invalidChars: '[0-9#]+' })];
    expect(validateLeadFields({ Name: '#1 Jane 2' }, names).fields['Name']).toBe('Jane');
  });

  it('InvalidChars that strips everything leaves an empty value, so Required applies', () => {
    const defs = [defineLeadField({ name: 'Code', required: true, invalidChars: '[^A-Z]' })];
    expect(validateLeadFields({ Code: '1234' }, defs).errors).toEqual([{ field: 'Code', message: 'Code: is required' }]);
  });

  it('Required treats whitespace as empty, and a missing field the same', () => {
    const defs = [defineLeadField({ name: 'A', required: true }), defineLeadField({ name: 'B', required: true })];
    expect(validateLeadFields({ A: '  \t ' }, defs).errors.map((e) => e.message)).toEqual(['A: is required', 'B: is required']);
  });

  it('Enumerated matches ignoring case and stores the canonical spelling', () => {
    const defs = [defineLeadField({ name: 'Color', enumerated: true, enums: ['Red', 'DarkBlue'] })];
    expect(validateLeadFields({ Color: 'DARKBLUE' }, defs).fields['Color']).toBe('DarkBlue');
    expect(validateLeadFields({ Color: 'blue' }, defs).errors[0].message).toBe('Color: not one of the allowed values (Red, DarkBlue)');
  });

  it('Enumerated with a long list does not dump it into the message', () => {
    const enums = Array.from({ length: 30 }, (_, i) => `V${i}`);
    const defs = [defineLeadField({ name: 'E', enumerated: true, enums })];
    expect(validateLeadFields({ E: 'nope' }, defs).errors[0].message).toBe('E: not one of the allowed values');
    expect(validateLeadFields({ E: 'v29' }, defs).fields['E']).toBe('V29');
  });

  it('Enumerated with no enums listed checks nothing', () => {
    const defs = [defineLeadField({ name: 'E', enumerated: true, enums: [] })];
    expect(validateLeadFields({ E: 'anything' }, defs).fields['E']).toBe('anything');
  });

  it('Validation runs on the normalised value; FormatError is the message, prefixed unless it names the field', () => {
    const zip = [defineLeadField({ name: 'Zip', specialBit: 'Zip', validation: '^7', formatError: 'Zip must be in Texas' })];
    expect(validateLeadFields({ Zip: '75001-1234' }, zip).fields['Zip']).toBe('75001');
    expect(validateLeadFields({ Zip: '10001' }, zip).errors).toEqual([{ field: 'Zip', message: 'Zip must be in Texas' }]);
    const plain = [defineLeadField({ name: 'Code', validation: '^\\d+$' })];
    expect(validateLeadFields({ Code: 'x1' }, plain).errors[0].message).toBe('Code: does not match the required format');
  });

  it('Validation is a search like RegExp.test, and honours a leading (?i)', () => {
    const defs = [defineLeadField({ name: 'A', validation: 'ok' }), defineLeadField({ name: 'B', validation: '(?i)^yes$' })];
    expect(validateLeadFields({ A: 'this is ok!', B: 'YES' }, defs).errors).toEqual([]);
  });

  it('a field stops at its first failing step (one error per field)', () => {
    const defs = [defineLeadField({ name: 'N', dataType: 'Int', validation: '^\\d{3}$', enumerated: true, enums: ['100'] })];
    expect(validateLeadFields({ N: 'abc' }, defs).errors).toHaveLength(1);
  });

  it('posted keys match ignoring case, the exact spelling wins, and the stored key is the definition name', () => {
    const defs = [defineLeadField({ name: 'Email', specialBit: 'Email' })];
    expect(validateLeadFields({ EMAIL: 'A@B.CO' }, defs).fields).toEqual({ Email: 'a@b.co' });
    const both = validateLeadFields({ email: 'x@y.co', Email: 'a@b.co' }, defs);
    expect(both.fields).toEqual({ Email: 'a@b.co' });
    expect(both.ignored).toEqual(['email']);
  });

  it('disabled definitions count as not defined: no checks, the value is an unknown field', () => {
    const defs = [defineLeadField({ name: 'Age', dataType: 'Int', required: true, enabled: false })];
    const result = validateLeadFields({ Age: 'not a number' }, defs);
    expect(result.errors).toEqual([]);
    expect(result.fields).toEqual({ Age: 'not a number' });
    expect(validateLeadFields({}, defs).errors).toEqual([]);
  });

  it('values over the length limit are refused, not cut', () => {
    const defs = [defineLeadField({ name: 'Comments', specialBit: 'Comments' })];
    const result = validateLeadFields({ Comments: 'x'.repeat(FIELD_LIMITS.maxValueLength + 1) }, defs);
    expect(result.errors[0].message).toBe('Comments: longer than 4000 characters');
    expect(result.fields['Comments']).toBeUndefined();
  });

  it('numbers and booleans posted by a JSON source are read as text; objects are dropped', () => {
    const defs = [defineLeadField({ name: 'Age', dataType: 'Int' }), defineLeadField({ name: 'Opt', dataType: 'Bit' })];
    const posted = { Age: 42, Opt: true, Obj: { a: 1 } } as unknown as Record<string, string>;
    expect(validateLeadFields(posted, defs).fields).toEqual({ Age: '42', Opt: '1' });
  });

  it('a missing or non-object posted map is an empty lead', () => {
    const defs = [defineLeadField({ name: 'A', required: true })];
    expect(validateLeadFields(null as unknown as Record<string, string>, defs).errors).toHaveLength(1);
    expect(validateLeadFields('x' as unknown as Record<string, string>, defs).errors).toHaveLength(1);
  });
});

describe('validateLeadFields: unknown fields', () => {
  it('are kept verbatim (not trimmed, not checked) up to the caps; the rest are listed as ignored', () => {
    const posted: Record<string, string> = { ' padded ': '  raw  ' };
    for (let i = 0; i < 130; i++) posted[`x${i}`] = String(i);
    posted['y'.repeat(101)] = 'long name';
    const result = validateLeadFields(posted, []);
    expect(result.fields[' padded ']).toBe('  raw  ');
    expect(Object.keys(result.fields)).toHaveLength(FIELD_LIMITS.maxExtraFields);
    expect(result.fields['x98']).toBe('98');
    expect(result.fields['x99']).toBeUndefined();
    expect(result.ignored).toHaveLength(FIELD_LIMITS.maxIgnoredListed);
  });

  it('drops oversized values, empty names and prototype keys', () => {
    const posted = JSON.parse('{"__proto__": "p", "constructor": "c", "prototype": "q", "": "e", "Big": "' + 'z'.repeat(4001) + '", "ok": "1"}') as Record<string, string>;
    const result = validateLeadFields(posted, []);
    expect(result.fields).toEqual({ ok: '1' });
    expect(Object.getPrototypeOf(result.fields)).toBe(Object.prototype);
    expect(result.ignored.sort()).toEqual(['', 'Big', '__proto__', 'constructor', 'prototype']);
  });
});

describe('validateLeadFields: computed fields', () => {
  it('evaluate over the normalised values; the posted value is ignored', () => {
    const defs = [
      defineLeadField({ name: 'Phone', specialBit: 'PrimaryPhone' }),
      defineLeadField({ name: 'AreaCode', computed: true, computedExpr: 'left(Phone, 3)' }),
    ];
    expect(validateLeadFields({ Phone: '+1 (202) 555-0123', AreaCode: '999' }, defs).fields).toEqual({ Phone: '2025550123', AreaCode: '202' });
  });

  it('see computed fields defined before them, and unknown posted fields', () => {
    const defs = [
      defineLeadField({ name: 'A', computed: true, computedExpr: 'upper(Src)' }),
      defineLeadField({ name: 'B', computed: true, computedExpr: 'concat(A, "-", len(A))' }),
    ];
    expect(validateLeadFields({ Src: 'abc' }, defs).fields).toEqual({ A: 'ABC', B: 'ABC-3', Src: 'abc' });
  });

  it('results go through the same checks: DataType, Required, Enumerated, Validation', () => {
    const defs = [
      defineLeadField({ name: 'Total', computed: true, dataType: 'Money', computedExpr: 'number(Price) * 2' }),
      defineLeadField({ name: 'Flag', computed: true, dataType: 'Bit', computedExpr: 'Price > 10' }),
      defineLeadField({ name: 'Label', computed: true, computedExpr: 'Price > 10' }),
      defineLeadField({ name: 'Must', computed: true, required: true, computedExpr: 'Missing' }),
      defineLeadField({ name: 'Tier', computed: true, enumerated: true, enums: ['Low', 'High'], computedExpr: 'iif(Price > 10, "high", "mid")' }),
    ];
    const result = validateLeadFields({ Price: '12.5' }, defs);
    expect(result.fields).toMatchObject({ Total: '25', Flag: '1', Label: 'true', Tier: 'High' });
    expect(result.errors).toEqual([{ field: 'Must', message: 'Must: is required' }]);
    const low = validateLeadFields({ Price: '3' }, defs);
    expect(low.errors.map((e) => e.field)).toEqual(['Must', 'Tier']);
  });

  it('uses an injected evaluator instead of the built-in engine', () => {
    const calls: Array<[string, Record<string, string>]> = [];
    const evaluate = (expr: string, vars: Record<string, string>) => {
      calls.push([expr, vars]);
      return `${vars['First']}!`;
    };
    const defs = [defineLeadField({ name: 'First' }), defineLeadField({ name: 'C', computed: true, computedExpr: 'anything at all' })];
    const rules = compileFieldDefinitions(defs, { evaluate });
    expect(rules.definitionErrors).toEqual([]);
    expect(rules.validate({ First: ' Jo ' }).fields).toEqual({ First: 'Jo', C: 'Jo!' });
    expect(calls).toEqual([['anything at all', { First: 'Jo' }]]);
  });

  it('an evaluator that throws fails that field only', () => {
    const defs = [defineLeadField({ name: 'A' }), defineLeadField({ name: 'C', computed: true, computedExpr: 'x' })];
    const result = validateLeadFields({ A: 'ok' }, defs, {
      evaluate: () => {
        throw new Error('boom');
      },
    });
    expect(result.fields).toEqual({ A: 'ok' });
    expect(result.errors).toEqual([{ field: 'C', message: 'C: cannot be computed (evaluation failed)' }]);
  });
});

describe('definitions', () => {
  it('a broken definition is reported once at compile time and fails closed for every lead', () => {
    const defs = [
      defineLeadField({ name: 'A', validation: '(a)\\1' }),
      defineLeadField({ name: 'B', invalidChars: '[unterminated' }),
      defineLeadField({ name: 'C', computed: true, computedExpr: 'a.b' }),
      defineLeadField({ name: 'D', computed: true }),
      defineLeadField({ name: 'OK' }),
    ];
    const rules = compileFieldDefinitions(defs);
    expect(rules.definitionErrors.map((e) => e.field)).toEqual(['A', 'B', 'C', 'D']);
    expect(rules.definitionErrors[0].message).toMatch(/^A: Validation pattern: backreferences are not supported/);
    expect(rules.definitionErrors[2].message).toMatch(/^C: computed expression: property access/);
    const result = rules.validate({ A: 'a', B: 'b', OK: 'fine' });
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^A: field definition cannot be applied \(Validation pattern: backreferences/),
      expect.stringMatching(/^B: field definition cannot be applied/),
      expect.stringMatching(/^C: field definition cannot be applied/),
      'D: field definition cannot be applied (computed field has no expression)',
    ]);
    expect(result.fields).toEqual({ OK: 'fine' });
  });

  it('a duplicate name (ignoring case) is reported and the first definition applies', () => {
    const rules = compileFieldDefinitions([defineLeadField({ name: 'Age', dataType: 'Int' }), defineLeadField({ name: 'AGE' })]);
    expect(rules.definitionErrors).toEqual([{ field: 'AGE', message: 'AGE: defined more than once; the first definition applies' }]);
    expect(rules.validate({ Age: 'x' }).errors[0].message).toMatch(/^Age: not a valid Int/);
  });

  it('definitions named like prototype keys are refused and ignored', () => {
    const rules = compileFieldDefinitions([defineLeadField({ name: '__proto__', required: true }), defineLeadField({ name: 'constructor' })]);
    expect(rules.definitionErrors.map((e) => e.message)).toEqual([
      '__proto__: not allowed as a field name; the field is ignored',
      'constructor: not allowed as a field name; the field is ignored',
    ]);
    expect(rules.validate({ constructor: 'x', A: '1' })).toEqual({ fields: { A: '1' }, errors: [], ignored: ['constructor'] });
  });

  it('definitions without a usable name are skipped', () => {
    const defs = [defineLeadField({ name: '  ' }), null as unknown as LeadFieldDefinition];
    expect(validateLeadFields({ a: '1' }, defs)).toEqual({ fields: { a: '1' }, errors: [], ignored: [] });
  });

  it('stored spellings map to the types, with safe fallbacks', () => {
    expect(toFieldDataType('bigint')).toBe('Bigint');
    expect(toFieldDataType('Text')).toBe('Varchar');
    expect(toFieldDataType(null)).toBe('No_DataType');
    expect(toFieldDataType('Geography')).toBe('No_DataType');
    expect(toSpecialBit('No_SpecialBit')).toBe('NoSpecialBit');
    expect(toSpecialBit('primaryphone')).toBe('PrimaryPhone');
    expect(toSpecialBit('IPAddress')).toBe('NoSpecialBit');
    expect(toSpecialBit(undefined)).toBe('NoSpecialBit');
  });
});
