import { compileFieldDefinitions, defineLeadField, validateLeadFields } from '../index';

/** Operator-written patterns and expressions are untrusted; so is every posted value. */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

describe('hostile regexes in field definitions', () => {
  it.each([
    ['(a+)+$', 'a'.repeat(3999) + '!'],
    ['^(a|aa)+$', 'a'.repeat(3999) + 'b'],
    ['\\d+\\d+\\d+\\d+x', '1'.repeat(4000)],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'abcdefghijklmnopqrstuvwxyz'.repeat(150)],
  ])('Validation %s against a 4000-character value answers quickly', (validation, value) => {
    const rules = compileFieldDefinitions([defineLeadField({ name: 'F', validation })]);
    const { value: result, ms } = timed(() => rules.validate({ F: value }));
    expect(ms).toBeLessThan(1000);
    expect(result.errors).toEqual([{ field: 'F', message: 'F: does not match the required format' }]);
  });

  it('InvalidChars with a catastrophic pattern strips correctly without hanging', () => {
    const rules = compileFieldDefinitions([defineLeadField({ name: 'F', invalidChars: '(x+x+)+y' })]);
    const { value: result, ms } = timed(() => rules.validate({ F: 'x'.repeat(3990) + 'xxy tail' }));
    expect(ms).toBeLessThan(1000);
    expect(result.fields['F']).toBe('tail');
  });

  it('work beyond the step budget becomes this field\'s error, quickly', () => {
    // Leftmost-first global replace that rescans the rest of the value for every match: quadratic.
    const rules = compileFieldDefinitions([defineLeadField({ name: 'F', invalidChars: 'a*b|a' }), defineLeadField({ name: 'G' })]);
    const { value: result, ms } = timed(() => rules.validate({ F: 'a'.repeat(4000), G: 'fine' }));
    expect(ms).toBeLessThan(2000);
    expect(result.errors).toEqual([{ field: 'F', message: expect.stringMatching(/^F: cannot be checked \(pattern .* step budget/) }]);
    expect(result.fields).toEqual({ G: 'fine' });
  });

  it('patterns the engine refuses are definition errors (fail closed), never run', () => {
    const rules = compileFieldDefinitions([
      defineLeadField({ name: 'Back', validation: '^(a+)\\1$' }),
      defineLeadField({ name: 'Look', validation: '^(?=.*\\d).+$' }),
      defineLeadField({ name: 'Long', validation: 'a'.repeat(501) }),
      defineLeadField({ name: 'Huge', invalidChars: '(a{1000}){1000}' }),
    ]);
    expect(rules.definitionErrors.map((e) => e.field)).toEqual(['Back', 'Look', 'Long', 'Huge']);
    expect(rules.validate({ Back: 'aa', Look: 'a1', Long: 'a', Huge: 'a' }).errors).toHaveLength(4);
  });
});

describe('hostile computed expressions', () => {
  const CANARY = '__leadxFieldsCanary';
  const globals = globalThis as Record<string, unknown>;

  it.each([
    'constructor.constructor("return process")()',
    `constructor.constructor("globalThis.${CANARY}=1")()`,
    '__proto__',
    'this',
    'process.exit(1)',
    'require("fs")',
    '"".constructor',
    `${'('.repeat(500)}1${')'.repeat(500)}`,
  ])('%s is refused as a definition error and touches nothing', (computedExpr) => {
    const exitBefore = process.exit;
    const rules = compileFieldDefinitions([defineLeadField({ name: 'C', computed: true, computedExpr })]);
    expect(rules.definitionErrors).toHaveLength(1);
    const result = rules.validate({ C: 'posted', Other: 'x' });
    expect(result.errors).toEqual([{ field: 'C', message: expect.stringMatching(/^C: field definition cannot be applied/) }]);
    expect(globals[CANARY]).toBeUndefined();
    expect(process.exit).toBe(exitBefore);
  });

  it('lead values that look like code stay data inside expressions', () => {
    const defs = [defineLeadField({ name: 'Name' }), defineLeadField({ name: 'Echo', computed: true, computedExpr: 'concat(Name, field(Key))' })];
    const name = `constructor.constructor("globalThis.${CANARY}=1")()`;
    const result = validateLeadFields({ Name: name, Key: '__proto__' }, defs);
    expect(result.fields['Echo']).toBe(name);
    expect(globals[CANARY]).toBeUndefined();
  });

  it('an expression that would build oversized text fails its field only', () => {
    const defs = [defineLeadField({ name: 'C', computed: true, computedExpr: 'concat(A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A)' })];
    const result = validateLeadFields({ A: 'y'.repeat(3999) }, defs);
    expect(result.errors).toEqual([{ field: 'C', message: expect.stringMatching(/^C: cannot be computed \(result longer than 65536/) }]);
    const short = validateLeadFields({ A: 'y'.repeat(1000) }, defs);
    expect(short.errors[0].message).toBe('C: computed value longer than 4000 characters');
  });
});

describe('hostile posted data', () => {
  it('prototype keys never reach the fields object or Object.prototype', () => {
    const posted = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "A": "1"}') as Record<string, string>;
    const result = validateLeadFields(posted, [defineLeadField({ name: 'A', dataType: 'Int' })]);
    expect(result.fields).toEqual({ A: '1' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a definition named like a prototype member reads only the own posted key', () => {
    const defs = [defineLeadField({ name: 'toString', required: true }), defineLeadField({ name: 'hasOwnProperty' })];
    const result = validateLeadFields({}, defs);
    expect(result.errors).toEqual([{ field: 'toString', message: 'toString: is required' }]);
    expect(validateLeadFields({ tostring: 'x' }, defs).fields).toEqual({ toString: 'x' });
  });

  it('regex metacharacters in values are just characters', () => {
    const defs = [defineLeadField({ name: 'A', validation: '^[a-z.*+?()]+$' })];
    expect(validateLeadFields({ A: '(.*)+?' }, defs).errors).toEqual([]);
  });
});
