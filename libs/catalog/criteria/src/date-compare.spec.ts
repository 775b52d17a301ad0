import { parseLeadDay } from './calendar';
import { CriteriaEnvironment } from './criterion';
import { parseDateCompare } from './date-compare';
import { evaluateCriterion } from './evaluate-criterion';

// A fixed clock late in the UTC day, so an accidental local-time or "now minus 24h" reading shows.
const NOW = new Date('2025-03-15T23:30:00Z');
const env: CriteriaEnvironment = { now: () => NOW };
const dateCheck = (value: string, lead: string | undefined, e: CriteriaEnvironment = env) =>
  evaluateCriterion({ field: 'D', operator: 'DateCompare', value }, lead === undefined ? {} : { D: lead }, e);
const passes = (value: string, lead: string) => dateCheck(value, lead).passed;

describe('DateCompare with relative offsets (from env.now(), by UTC day)', () => {
  it.each([
    ['>=-30', '2025-02-13', true], // exactly 30 days before 2025-03-15
    ['>=-30', '2025-02-12', false],
    ['>-30', '2025-02-13', false],
    ['<=0', '2025-03-15T23:59:59Z', true],
    ['<0', '2025-03-15T00:00:00Z', false],
    ['=0', '2025-03-15', true],
    ['0', '03/15/2025', true], // no op means =
    ['!=0', '2025-03-14', true],
    ['>=-1w', '2025-03-08', true],
    ['>=-1w', '2025-03-07', false],
    ['<=+2d', '2025-03-17', true],
    ['<=-18y', '2007-03-15', true], // 18 today
    ['<=-18y', '2007-03-16', false], // 18 tomorrow
    ['>=-1mo', '2025-02-15', true],
    ['>=-1mo', '2025-02-14', false],
  ])('%s vs lead %s → %s', (value, lead, expected) => {
    expect(passes(value, lead)).toBe(expected);
  });
  it('reads a lead date-time in its own offset before taking the UTC day', () => {
    // 2025-03-14T20:00-05:00 is 2025-03-15T01:00Z: today.
    expect(passes('=0', '2025-03-14T20:00:00-05:00')).toBe(true);
    expect(passes('=0', '2025-03-15T20:00:00-05:00')).toBe(false);
    expect(passes('=0', '2025-03-15 08:00')).toBe(true);
  });
  it('clamps month arithmetic to the end of the month', () => {
    const at = (iso: string): CriteriaEnvironment => ({ now: () => new Date(iso) });
    expect(dateCheck('=-1mo', '2025-02-28', at('2025-03-31T10:00:00Z')).passed).toBe(true);
    expect(dateCheck('=-1y', '2023-02-28', at('2024-02-29T10:00:00Z')).passed).toBe(true);
    expect(dateCheck('=-1mo', '2024-12-15', at('2025-01-15T10:00:00Z')).passed).toBe(true);
  });
  it('follows the clock it is given', () => {
    const later: CriteriaEnvironment = { now: () => new Date('2025-06-01T00:00:00Z') };
    expect(dateCheck('>=-30', '2025-03-01', env).passed).toBe(true);
    expect(dateCheck('>=-30', '2025-03-01', later).passed).toBe(false);
  });
  it('fails closed when the clock gives an invalid date', () => {
    const broken: CriteriaEnvironment = { now: () => new Date('nope') };
    expect(dateCheck('>=-30', '2025-03-01', broken)).toEqual({ passed: false, reason: 'D DateCompare >=-30: clock gave an invalid date' });
  });
});

describe('DateCompare with absolute dates and several clauses', () => {
  it.each([
    ['>=2024-01-01|<2025-01-01', '2024-12-31', true],
    ['>=2024-01-01|<2025-01-01', '2025-01-01', false],
    ['>=2024-01-01,<2025-01-01', '2023-12-31', false],
    ['<=12/31/1999', '1999-12-31T23:59:59Z', true],
    ['>1/1/2000', '01/01/2000', false],
    ['2024-02-29', '2/29/2024', true],
  ])('%s vs lead %s → %s', (value, lead, expected) => {
    expect(passes(value, lead)).toBe(expected);
  });
  it('does not need the clock for absolute dates', () => {
    const noClock: CriteriaEnvironment = {
      now: () => {
        throw new Error('clock read');
      },
    };
    expect(dateCheck('>=2024-01-01', '2024-06-01', noClock).passed).toBe(true);
  });
  it('says which clause stopped the lead', () => {
    expect(dateCheck('>=2024-01-01|<2025-01-01', '2025-02-01').reason).toBe(
      'D DateCompare >=2024-01-01|<2025-01-01: lead date 2025-02-01 is not < 2025-01-01',
    );
    expect(dateCheck('<=-18y', '2010-05-01').reason).toBe('D DateCompare <=-18y: lead date 2010-05-01 is not <= 2007-03-15');
  });
});

describe('DateCompare input handling', () => {
  it('fails a missing or blank lead date', () => {
    expect(dateCheck('>=-30', undefined)).toEqual({ passed: false, reason: 'D DateCompare >=-30: lead has no value' });
    expect(dateCheck('!=0', ' ').passed).toBe(false);
  });
  it.each(['yesterday', '2025-13-01', '2025-02-30', '15/03/2025', '2025-03-15T25:00Z', '2025-03-15T10:00+15:00', '1742000000', '2025-3-15', 'March 15, 2025'])(
    'fails the lead value %j as not a date',
    (lead) => {
      const r = dateCheck('>=-3650', lead);
      expect(r.passed).toBe(false);
      expect(r.reason).toContain('not a date');
    },
  );
  it.each(['', '>=', '>=yesterday', '=>-30', '>=-30x', '>=2025-02-30', '>=-30|junk', '>= -30 days', '~2024-01-01', '>=1234567d'])(
    'rejects the criterion value %j',
    (value) => {
      const r = dateCheck(value, '2025-03-01');
      expect(r.passed).toBe(false);
      expect(r.reason).toContain('invalid criterion');
    },
  );
  it('parses clauses with their ops, operands and units', () => {
    expect(parseDateCompare('>= -18Y | <2025-01-01 | 7')).toEqual([
      { op: '>=', operand: { kind: 'offset', amount: -18, unit: 'y' } },
      { op: '<', operand: { kind: 'date', day: 20089 } },
      { op: '=', operand: { kind: 'offset', amount: 7, unit: 'd' } },
    ]);
  });
  it('parses lead dates strictly', () => {
    expect(parseLeadDay('1970-01-02')).toBe(1);
    expect(parseLeadDay('0099-01-01')).toBeLessThan(parseLeadDay('1900-01-01') ?? 0);
    expect(parseLeadDay('2025-03-15T10:00:00.123456Z')).toBe(parseLeadDay('2025-03-15'));
    expect(parseLeadDay('2025-03-15t10:00Z')).toBe(parseLeadDay('2025-03-15'));
    expect(parseLeadDay('2025-03-15T10:00:00 Z')).toBeUndefined();
    expect(parseLeadDay('2025-03-15T10:60')).toBeUndefined();
    expect(parseLeadDay('2100-02-29')).toBeUndefined();
    expect(parseLeadDay('2000-02-29')).toBeDefined();
  });
});
