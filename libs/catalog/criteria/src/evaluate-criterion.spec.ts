import { Criterion, CriteriaEnvironment } from './criterion';
import { CriterionOperator } from './criterion-operator';
import { evaluateCriterion } from './evaluate-criterion';

const NOW = new Date('2025-03-15T12:00:00Z');
const DISTANCES: Record<string, number> = { '75001>75201': 12.34, '75001>77001': 240 };
const env: CriteriaEnvironment = {
  now: () => NOW,
  distanceMiles: (a, b) => (a === b ? 0 : DISTANCES[`${a}>${b}`]),
};
const check = (operator: CriterionOperator, value: string, lead: Record<string, string>, field = 'F') =>
  evaluateCriterion({ field, operator, value }, lead, env);
const passes = (operator: CriterionOperator, value: string, leadValue: string | undefined) =>
  check(operator, value, leadValue === undefined ? {} : { F: leadValue }).passed;

/** Every operator: a match, a non-match, a missing field, a malformed value. */
const MATRIX: Array<[CriterionOperator, string, string, string, string]> = [
  // operator, valid value, matching lead value, non-matching lead value, malformed value
  ['Equal', 'TX', 'tx', 'CA', ''],
  ['NotEqual', 'TX', 'CA', ' tx ', '  '],
  ['Greater', '10', '10.5', '10', 'ten'],
  ['Less', '10', '-3', '10', '10 dollars'],
  ['GreaterOrEqual', '10', '10', '9.99', '0x10'],
  ['LessOrEqual', '10', '1e1', '11', 'Infinity'],
  ['Between', '10|20', '20', '20.01', '10|'],
  ['In', 'TX|OK', 'ok', 'CA', ' |  | '],
  ['NotIn', 'TX|OK', 'CA', 'TX', '|'],
  ['DateCompare', '>=-30', '2025-03-01', '2025-02-12', '>=yesterday'],
  ['Distance_Compare', '75001|50', '75201', '77001', '75001'],
  ['Contains', 'gmail', 'Bob@GMAIL.com', 'bob@yahoo.com', '|'],
  ['Doesnt_Contain', 'test', 'real@x.com', 'a-TEST@x.com', ''],
];
const NEGATIVE = new Set<CriterionOperator>(['NotEqual', 'NotIn', 'Doesnt_Contain']);

describe.each(MATRIX)('%s', (operator, value, matching, nonMatching, malformed) => {
  it(`passes ${JSON.stringify(matching)} against ${JSON.stringify(value)}`, () => {
    expect(passes(operator, value, matching)).toBe(true);
  });
  it(`fails ${JSON.stringify(nonMatching)} against ${JSON.stringify(value)}`, () => {
    expect(passes(operator, value, nonMatching)).toBe(false);
  });
  it(`${NEGATIVE.has(operator) ? 'passes' : 'fails'} a lead without the field, or with it blank`, () => {
    const expected = NEGATIVE.has(operator);
    expect(passes(operator, value, undefined)).toBe(expected);
    expect(passes(operator, value, '   ')).toBe(expected);
    expect(check(operator, value, {}).reason).toBe(`F ${operator} ${value}: lead has no value`);
  });
  it(`fails closed on the malformed value ${JSON.stringify(malformed)}, whatever the lead has`, () => {
    for (const lead of [matching, nonMatching, undefined]) {
      const r = check(operator, malformed, lead === undefined ? {} : { F: lead });
      expect(r.passed).toBe(false);
      expect(r.reason).toContain('invalid criterion');
    }
  });
});

describe('reasons', () => {
  it('is one line: label, then what the lead has', () => {
    expect(check('In', 'TX|OK', { State: 'CA' }, 'State')).toEqual({ passed: false, reason: 'State In TX|OK: lead has CA' });
    expect(check('In', 'TX|OK', { State: 'TX' }, 'State')).toEqual({ passed: true, reason: 'State In TX|OK: lead has TX' });
  });
  it('flattens control characters and cuts long lead values', () => {
    const r = check('Equal', 'x', { F: `a\nb\r\n${'z'.repeat(500)}` });
    expect(r.reason).not.toMatch(/[\r\n]/);
    expect(r.reason.length).toBeLessThan(120);
    expect(r.reason.startsWith('F Equal x: lead has a b z')).toBe(true);
  });
  it('names the malformed part', () => {
    expect(check('Between', '10', { F: '5' }).reason).toBe('F Between 10: invalid criterion: Between needs two numbers like 10|20, got "10"');
    expect(check('Greater', 'ten', { F: '5' }).reason).toBe('F Greater ten: invalid criterion: Greater needs a number, got "ten"');
  });
  it('says when the lead value is not a number', () => {
    expect(check('Greater', '10', { F: 'lots' })).toEqual({ passed: false, reason: 'F Greater 10: lead has lots, not a number' });
  });
});

describe('Equal, NotEqual, In, NotIn: numeric when both sides are numbers, else case-insensitive text', () => {
  it.each([
    ['75001', '75001.0', true],
    ['10', '1e1', true],
    ['0.5', '.5', true],
    ['-0', '0', true],
    ['01234', '1234', true], // numbers compare by value, so leading zeros do not matter
    ['10', '10a', false],
    ['Texas', 'TEXAS', true],
    ['Texas ', ' texas', true],
    ['New  York', 'new york', false], // inner whitespace is significant
    ['0x10', '16', false], // hex is text, not a number
  ])('Equal %j vs lead %j → %s', (value, lead, expected) => {
    expect(passes('Equal', value, lead)).toBe(expected);
    expect(passes('NotEqual', value, lead)).toBe(!expected);
    expect(passes('In', `x|${value}`, lead)).toBe(expected);
    expect(passes('NotIn', `x|${value}`, lead)).toBe(!expected);
  });
  it('splits lists on | when present, else on commas, trimming items', () => {
    expect(passes('In', 'Dallas, TX|Austin, TX', 'dallas, tx')).toBe(true);
    expect(passes('In', 'Dallas, TX|Austin, TX', 'Dallas')).toBe(false);
    expect(passes('In', ' TX , OK ', 'OK')).toBe(true);
    expect(passes('In', 'TX,,OK,', 'ok')).toBe(true);
    expect(passes('NotIn', 'TX, OK', 'ok')).toBe(false);
  });
  it('looks the field up exactly first, then case-insensitively', () => {
    expect(check('Equal', 'TX', { state: 'TX' }, 'State').passed).toBe(true);
    expect(check('Equal', 'TX', { STATE: 'CA', State: 'TX' }, 'State').passed).toBe(true);
    expect(check('Equal', 'TX', { Stat: 'TX' }, 'State').passed).toBe(false);
  });
});

describe('Greater, Less, GreaterOrEqual, LessOrEqual, Between: numbers only', () => {
  it.each([
    ['Greater', '10', '10', false],
    ['Greater', '10', '10.0001', true],
    ['Less', '10', '9.9999', true],
    ['Less', '10', '10', false],
    ['GreaterOrEqual', '10', '10', true],
    ['GreaterOrEqual', '-5', '-6', false],
    ['LessOrEqual', '10', '10.0', true],
    ['LessOrEqual', '10', '+10.5', false],
    ['Greater', '9', '10', true], // numeric, not text order ("10" < "9" as text)
    ['Less', '100', '20', true],
  ] as const)('%s %s vs lead %s → %s', (op, value, lead, expected) => {
    expect(passes(op, value, lead)).toBe(expected);
  });
  it('fails a lead value that is not a number, for every ordered operator', () => {
    for (const op of ['Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual'] as const) {
      expect(passes(op, '10', 'abc')).toBe(false);
      expect(passes(op, '10', '$20')).toBe(false);
      expect(passes(op, '10', '1,000')).toBe(false);
    }
    expect(passes('Between', '1|9', 'five')).toBe(false);
  });
  it('includes both Between bounds, accepts , as separator and bounds in either order', () => {
    for (const value of ['18|65', '18,65', ' 18 | 65 ', '65|18']) {
      expect(passes('Between', value, '18')).toBe(true);
      expect(passes('Between', value, '65')).toBe(true);
      expect(passes('Between', value, '40')).toBe(true);
      expect(passes('Between', value, '17.999')).toBe(false);
      expect(passes('Between', value, '65.001')).toBe(false);
    }
    expect(passes('Between', '-10|-5', '-7')).toBe(true);
    expect(passes('Between', '5|5', '5')).toBe(true);
  });
  it.each(['10', '10|20|30', '10|x', 'a|b', '10-20', '', '|20'])('rejects Between value %j', (value) => {
    expect(check('Between', value, { F: '15' }).reason).toContain('invalid criterion');
  });
});

describe('Contains, Doesnt_Contain: case-insensitive substrings, | means any of', () => {
  it('matches any listed substring, ignoring case', () => {
    expect(passes('Contains', 'gmail.com|yahoo.com', 'X@Yahoo.Com')).toBe(true);
    expect(passes('Contains', 'gmail.com|yahoo.com', 'x@aol.com')).toBe(false);
    expect(passes('Doesnt_Contain', 'test|fake', 'FAKE person')).toBe(false);
    expect(passes('Doesnt_Contain', 'test|fake', 'real person')).toBe(true);
  });
  it('keeps commas as part of the text to find', () => {
    expect(passes('Contains', 'Dallas, TX', 'dallas, tx 75001')).toBe(true);
    expect(passes('Contains', 'Dallas, TX', 'Dallas')).toBe(false);
  });
});

describe('criteria that cannot be understood fail closed', () => {
  const raw = (c: Record<string, unknown>) => evaluateCriterion(c as unknown as Criterion, { F: 'TX' }, env);
  it.each([
    [{ field: 'F', operator: 'Like', value: 'TX' }, 'unknown operator "Like"'],
    [{ field: 'F', operator: 7, value: 'TX' }, 'unknown operator "7"'],
    [{ field: '', operator: 'Equal', value: 'TX' }, 'no field'],
    [{ field: 'F', operator: 'Equal', value: { a: 1 } }, 'value is not text'],
    [{ field: 'F', operator: 'Equal', value: 'TX', type: 'Regex' }, 'unknown type "Regex"'],
  ])('%j', (c, problem) => {
    const r = raw(c);
    expect(r.passed).toBe(false);
    expect(r.reason).toContain(`invalid criterion: ${problem}`);
  });
  it('accepts operator names in any case and a numeric value (campaign Rules store Value as an integer)', () => {
    expect(raw({ field: 'F', operator: 'in', value: 'tx|ok' }).passed).toBe(true);
    expect(evaluateCriterion({ field: 'Age', operator: 'Greater', value: 18 as unknown as string }, { Age: '30' }, env).passed).toBe(true);
  });
  it('never throws on hostile leads', () => {
    const lead = { F: 42, G: null } as unknown as Record<string, string>;
    expect(evaluateCriterion({ field: 'F', operator: 'Equal', value: '42' }, lead, env).passed).toBe(true);
    expect(evaluateCriterion({ field: 'G', operator: 'Equal', value: '42' }, lead, env).passed).toBe(false);
  });
});
