import { compileCriteria } from './compiled-criteria';
import { Criterion, CriteriaEnvironment, LeadFields } from './criterion';
import { CRITERION_OPERATORS, CriterionOperator } from './criterion-operator';
import { evaluateCriterion } from './evaluate-criterion';
import { indexKey } from './value-parsing';

const env: CriteriaEnvironment = {
  now: () => new Date('2025-03-15T12:00:00Z'),
  // Deterministic stand-ins for the zip dataset and the expression engine.
  distanceMiles: (a, b) => (b.startsWith('9') ? undefined : Math.abs(Number(a) - Number(b)) / 10),
  evaluateExpression: (expression, lead) => expression.length % 2 === 0 && lead['State'] !== undefined,
};
const c = (field: string, operator: CriterionOperator, value: string, extra: Partial<Criterion> = {}): Criterion => ({ field, operator, value, ...extra });

describe('CompiledCriteria.evaluate', () => {
  const rules = [c('State', 'In', 'TX|OK'), c('Age', 'Between', '18|65'), c('Email', 'Doesnt_Contain', 'test')];
  const compiled = compileCriteria(rules);

  it('passes a lead that meets every criterion, and an empty set passes anything', () => {
    expect(compiled.evaluate({ State: 'ok', Age: '40', Email: 'a@b.com' }, env)).toEqual({ passed: true });
    expect(compileCriteria([]).evaluate({}, env)).toEqual({ passed: true });
    expect(compiled.size).toBe(3);
  });
  it('stops at the first criterion that fails and says which', () => {
    const r = compiled.evaluate({ State: 'CA', Age: '10', Email: 'test@x.com' }, env);
    expect(r).toEqual({ passed: false, failed: { criterion: rules[0], reason: 'State In TX|OK: lead has CA' } });
    expect(r.failed?.criterion).toBe(rules[0]);
    expect(compiled.evaluate({ State: 'TX', Age: '70' }, env).failed?.reason).toBe('Age Between 18|65: lead has 70');
  });
  it('keeps what it parsed at compile time when the source objects change later', () => {
    const source = [c('State', 'Equal', 'TX')];
    const snapshot = compileCriteria(source);
    source[0].value = 'CA';
    source.push(c('Age', 'Greater', '99'));
    expect(snapshot.evaluate({ State: 'TX', Age: '1' }, env).passed).toBe(true);
  });
  it('never throws on garbage criteria; they fail closed', () => {
    const junk = [null, 42, 'Equal', {}, { field: 'F' }, { operator: 'In' }] as unknown as Criterion[];
    const compiledJunk = compileCriteria(junk);
    for (let i = 0; i < junk.length; i++) {
      const r = compileCriteria([junk[i]]).evaluate({ F: 'x' }, env);
      expect(r.passed).toBe(false);
      expect(r.failed?.reason).toContain('invalid criterion');
    }
    expect(compiledJunk.evaluate({}, env).passed).toBe(false);
  });
});

describe('CompiledCriteria.indexKeys', () => {
  it('lists the Equal/In values a lead needs on the asked fields', () => {
    const set = compileCriteria([
      c('State', 'In', 'TX| ok |Tx'),
      c('Zip', 'Equal', '075001'),
      c('Age', 'Greater', '18'),
      c('Email', 'In', 'a@b.com'),
    ]);
    expect(set.indexKeys(['state', 'Zip', 'Age'])).toEqual([
      { field: 'State', values: ['TX', 'ok', 'Tx'], keys: ['tx', 'ok'] },
      { field: 'Zip', values: ['075001'], keys: ['75001'] },
    ]);
  });
  it('intersects several constraints on one field; an empty result means no lead passes', () => {
    const set = compileCriteria([c('State', 'In', 'TX|OK|CA'), c('State', 'In', 'ok,ca,NV'), c('State', 'Equal', 'NV')]);
    expect(compileCriteria([c('State', 'In', 'TX|OK|CA'), c('State', 'In', 'ok,ca,NV')]).indexKeys(['State'])).toEqual([
      { field: 'State', values: ['OK', 'CA'], keys: ['ok', 'ca'] },
    ]);
    expect(set.indexKeys(['State'])).toEqual([{ field: 'State', values: [], keys: [] }]);
  });
  it('leaves out negative, malformed and expression criteria, which do not pin a value', () => {
    const set = compileCriteria([
      c('State', 'NotIn', 'TX'),
      c('State', 'Equal', ''),
      c('State', 'Equal', 'TX', { type: 'Expression' }),
      c('State', 'Contains', 'T'),
    ]);
    expect(set.indexKeys(['State'])).toEqual([]);
  });
});

/** mulberry32: a tiny seeded PRNG so the generated cases are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = ['State', 'Zip', 'Age', 'Email', 'DOB', 'Score'];
const LEAD_VALUES: Record<string, string[]> = {
  State: ['TX', 'tx', ' Ok ', 'CA', 'NY', '', '   ', 'Texas', '12'],
  Zip: ['75001', '75201', '75001-1234', '077001', '99999', 'abc', '10001', '75001.0'],
  Age: ['17', '18', '18.0', '40', '65', '65.5', '-1', 'old', '1e1', '', ' 30 '],
  Email: ['a@gmail.com', 'TEST@x.com', 'real@yahoo.COM', '', 'dallas, tx', 'x'],
  DOB: ['2000-01-01', '2007-03-15', '2007-03-16', '1/2/1990', '2025-02-30', 'never', '2025-03-15T23:00:00-05:00'],
  Score: ['0', '.5', '0.50', '100', '-0', '99.999', 'NaN', 'Infinity', '1,000'],
};
const CRITERION_VALUES: Record<CriterionOperator, string[]> = {
  Equal: ['TX', 'tx', '18', '18.00', '75001', 'a@gmail.com', '', '0', 'Texas'],
  NotEqual: ['TX', 'CA', '40', '', '  ', '0.5'],
  Greater: ['18', '17.5', '-1', 'ten', '', '0'],
  Less: ['65', '65.5', '0', 'x', '1e2'],
  GreaterOrEqual: ['18', '0.5', 'abc', '-0'],
  LessOrEqual: ['65', '100', '', '99.999'],
  Between: ['18|65', '65,18', '0|0.5', '18', '18|x', '1|2|3', '', '-1,1'],
  In: ['TX|OK', 'tx, ok, ca', '75001|10001', '18|40|65', '|', '', 'Dallas, TX|x', '0|100'],
  NotIn: ['TX|OK', 'CA', '18,65', ' , ', '75001'],
  DateCompare: ['<=-18y', '>=-30', '>=2000-01-01|<2008-01-01', '=0', 'yesterday', '', '!=2007-03-15', '<1/1/1995'],
  Distance_Compare: ['75001|50', '75001,0', '10001|100', '75001', 'x|5', '75001|-1', ''],
  Contains: ['gmail', 'TEST|yahoo', '', ', ', '1'],
  Doesnt_Contain: ['test', 'GMAIL|yahoo', '', '0'],
};

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function randomCriterion(rand: () => number): Criterion {
  const r = rand();
  if (r < 0.05) return { field: pick(rand, FIELDS), operator: 'Equal', value: pick(rand, ['a', 'ab', '']), type: pick(rand, ['Expression', 'Function'] as const) };
  if (r < 0.07) return { field: pick(rand, FIELDS), operator: 'Bogus' as CriterionOperator, value: 'TX' };
  const operator = pick(rand, CRITERION_OPERATORS);
  const field = rand() < 0.1 ? pick(rand, FIELDS).toLowerCase() : pick(rand, FIELDS);
  return { field, operator, value: pick(rand, CRITERION_VALUES[operator]) };
}

function randomLead(rand: () => number): LeadFields {
  const lead: Record<string, string> = {};
  for (const field of FIELDS) if (rand() < 0.8) lead[field] = pick(rand, LEAD_VALUES[field]);
  return lead;
}

// An independent model of the README's rules for the value operators, written without the lib's
// helpers, so that a shared misunderstanding in those helpers would show as a disagreement.
function modelPassed(crit: Criterion, lead: LeadFields): boolean | 'skip' {
  const toNumber = (s: string) => {
    const t = s.trim();
    return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) && Number.isFinite(Number(t)) ? Number(t) : undefined;
  };
  const same = (a: string, b: string) => {
    const [x, y] = [toNumber(a), toNumber(b)];
    return x !== undefined && y !== undefined ? x === y : a.trim().toLowerCase() === b.trim().toLowerCase();
  };
  const list = (v: string) => v.split(v.includes('|') ? '|' : ',').map((s) => s.trim()).filter(Boolean);
  const key = Object.keys(lead).find((k) => k === crit.field) ?? Object.keys(lead).find((k) => k.toLowerCase() === crit.field.toLowerCase());
  const actual = key === undefined ? '' : lead[key].trim();
  const missing = actual === '';
  const v = crit.value;
  if (crit.type !== undefined && crit.type !== 'FieldValue') return 'skip';
  switch (crit.operator) {
    case 'Equal':
      return v.trim() !== '' && !missing && same(actual, v);
    case 'NotEqual':
      return v.trim() !== '' && (missing || !same(actual, v));
    case 'In':
      return list(v).length > 0 && !missing && list(v).some((i) => same(actual, i));
    case 'NotIn':
      return list(v).length > 0 && (missing || !list(v).some((i) => same(actual, i)));
    case 'Greater':
    case 'Less':
    case 'GreaterOrEqual':
    case 'LessOrEqual': {
      const [a, limit] = [toNumber(actual), toNumber(v)];
      if (limit === undefined || a === undefined) return false;
      return { Greater: a > limit, Less: a < limit, GreaterOrEqual: a >= limit, LessOrEqual: a <= limit }[crit.operator];
    }
    case 'Between': {
      const bounds = list(v).map(toNumber);
      const a = toNumber(actual);
      if (bounds.length !== 2 || bounds.some((b) => b === undefined) || a === undefined) return false;
      const [lo, hi] = [Math.min(bounds[0] as number, bounds[1] as number), Math.max(bounds[0] as number, bounds[1] as number)];
      return a >= lo && a <= hi;
    }
    case 'Contains':
    case 'Doesnt_Contain': {
      const parts = v.split('|').map((s) => s.trim().toLowerCase()).filter(Boolean);
      if (parts.length === 0) return false;
      const found = parts.some((p) => actual.toLowerCase().includes(p));
      return crit.operator === 'Contains' ? !missing && found : missing || !found;
    }
    default:
      return 'skip';
  }
}

describe('generated cases (fixed seed)', () => {
  const rand = prng(20250315);
  const sets = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => randomCriterion(rand)));
  const leads = Array.from({ length: 40 }, () => randomLead(rand));
  // Each set compiled once and reused for every lead, as the scanner does.
  const compiled = sets.map((set) => compileCriteria(set));

  it('compiled sets agree with evaluateCriterion, criterion by criterion, on 12,000 set × lead cases', () => {
    let passedCount = 0;
    for (let s = 0; s < sets.length; s++) {
      for (const lead of leads) {
        const firstFailure = sets[s]
          .map((crit) => ({ crit, r: evaluateCriterion(crit, lead, env) }))
          .find((x) => !x.r.passed);
        const expected = firstFailure
          ? { passed: false, failed: { criterion: firstFailure.crit, reason: firstFailure.r.reason } }
          : { passed: true };
        expect(compiled[s].evaluate(lead, env)).toEqual(expected);
        if (!firstFailure) passedCount++;
      }
    }
    // The generator must exercise both outcomes, or the agreement above proves little.
    expect(passedCount).toBeGreaterThan(500);
    expect(passedCount).toBeLessThan(11_500);
  });

  it('single criteria agree with an independent model of the value operators', () => {
    let compared = 0;
    const outcomes = new Set<string>();
    for (const set of sets) {
      for (const crit of set) {
        const once = compileCriteria([crit]);
        for (const lead of leads) {
          const expected = modelPassed(crit, lead);
          if (expected === 'skip') continue;
          const actual = once.evaluate(lead, env).passed;
          if (actual !== expected) throw new Error(`${JSON.stringify(crit)} on ${JSON.stringify(lead)}: lib ${actual}, model ${expected}`);
          outcomes.add(`${crit.operator}:${actual}`);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    // Every modelled operator was seen both passing and failing.
    for (const op of ['Equal', 'NotEqual', 'In', 'NotIn', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Between', 'Contains', 'Doesnt_Contain']) {
      expect([outcomes.has(`${op}:true`), outcomes.has(`${op}:false`)]).toEqual([true, true]);
    }
  });

  it('indexKeys never exclude a lead that passes', () => {
    // Sets that pin State or Zip with Equal/In, plus one random criterion, so that many pass.
    const pinning = (): Criterion => {
      const field = pick(rand, ['State', 'Zip', 'state']);
      const operator = pick(rand, ['Equal', 'In'] as const);
      const pool = field.toLowerCase() === 'state' ? LEAD_VALUES['State'] : LEAD_VALUES['Zip'];
      const value = operator === 'Equal' ? pick(rand, pool) : `${pick(rand, pool)}|${pick(rand, pool)}`;
      return { field, operator, value };
    };
    const indexed = Array.from({ length: 400 }, () => compileCriteria([pinning(), randomCriterion(rand), ...(rand() < 0.3 ? [pinning()] : [])]));
    let checked = 0;
    for (const set of indexed) {
      const index = set.indexKeys(['STATE', 'Zip']);
      for (const lead of leads) {
        if (!set.evaluate(lead, env).passed) continue;
        for (const { field, keys } of index) {
          const key = Object.keys(lead).find((k) => k.toLowerCase() === field.toLowerCase());
          expect(key).toBeDefined();
          expect(keys).toContain(indexKey(lead[key as string]));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
