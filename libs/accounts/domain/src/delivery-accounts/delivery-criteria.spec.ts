import { compileCriteria } from '@leadx/catalog-criteria';
import { criteriaAcceptFieldValue, criteriaFromSeed, criterionToSeed, StoredDeliveryCriterion } from './delivery-criteria';

const ctx = { fieldsById: new Map([[5, 'State'], [6, 'Age'], [7, 'DOB']]), leadTypeId: 1, existingIds: new Set([42]) };
const ok = (input: Parameters<typeof criteriaFromSeed>[0]) => {
  const r = criteriaFromSeed(input, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const problems = (input: Parameters<typeof criteriaFromSeed>[0]) => {
  const r = criteriaFromSeed(input, ctx);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('criteriaFromSeed', () => {
  it('maps seed criteria to what the scanner compiles, resolving LeadFieldUID to the field name', () => {
    const criteria = ok([
      { LeadFieldUID: 5, Type: 'FieldValue', Operator: 'in', Value: 'TX|OK' },
      { ClientCriteriaUID: 42, LeadFieldUID: 6, Operator: 'Between', Value: '18|65' },
      { LeadFieldUID: 7, Type: 'FieldValue', Operator: 'DateCompare', Value: '<=-18y' },
      { Type: 'Expression', Operator: 'Equal', Expression: "upper(State) == 'TX'" },
    ]);
    expect(criteria[0]).toEqual({ id: 0, field: 'State', leadFieldId: 5, operator: 'In', value: 'TX|OK', type: 'FieldValue', expression: '' });
    expect(criteria[1].id).toBe(42);
    expect(criteria[3]).toMatchObject({ field: '', type: 'Expression', expression: "upper(State) == 'TX'" });
    const compiled = compileCriteria(criteria.slice(0, 2));
    expect(compiled.evaluate({ State: 'tx', Age: '30' }, { now: () => new Date() }).passed).toBe(true);
    expect(compiled.evaluate({ State: 'CA', Age: '30' }, { now: () => new Date() }).passed).toBe(false);
  });

  it('names the criterion and the property for an unknown operator or type', () => {
    expect(problems([{ LeadFieldUID: 5, Operator: 'Like', Value: 'x' }])).toEqual([
      { field: 'Criteria[0].Operator', message: expect.stringMatching(/^Criteria\[0\] \(LeadFieldUID 5\): unknown Operator "Like"; expected one of Equal/) },
    ]);
    expect(problems([{ LeadFieldUID: 5, Operator: 'Equal', Value: 'x' }, { LeadFieldUID: 5, Type: 'Regex', Operator: 'Equal' }])[0].field).toBe('Criteria[1].Type');
  });

  it('refuses values the scanner would fail closed on', () => {
    const [p] = problems([{ LeadFieldUID: 6, Operator: 'Between', Value: '18' }]);
    expect(p.field).toBe('Criteria[0].Value');
    expect(p.message).toMatch(/invalid criterion: Between needs two numbers/);
    expect(problems([{ LeadFieldUID: 5, Operator: 'Distance_Compare', Value: 'abc' }])[0].message).toMatch(/Distance_Compare needs/);
    expect(problems([{ LeadFieldUID: 7, Operator: 'DateCompare', Value: 'yesterday' }])[0].field).toBe('Criteria[0].Value');
  });

  it('refuses bad expressions and regular expressions without running them', () => {
    expect(problems([{ Type: 'Expression', Operator: 'Equal', Expression: 'State ==' }])[0]).toMatchObject({ field: 'Criteria[0].Expression', message: expect.stringMatching(/expression error/) });
    expect(problems([{ Type: 'Function', Operator: 'Equal', Expression: 'constructor.constructor("x")()' }])[0].field).toBe('Criteria[0].Expression');
    expect(problems([{ Type: 'Expression', Operator: 'Equal', LeadFieldUID: 5, Expression: '/(a/' }])[0].message).toMatch(/regular expression error/);
    expect(problems([{ Type: 'Expression', Operator: 'Equal', Expression: '/(a+)+\\1/' }])[0].message).toMatch(/regular expression error/);
    expect(ok([{ Type: 'Expression', Operator: 'Equal', LeadFieldUID: 5, Expression: '/^t[xk]$/i' }])).toHaveLength(1);
    expect(problems([{ Type: 'Function', Operator: 'Equal' }])[0].message).toMatch(/needs an Expression/);
    expect(ok([{ Type: 'Function', Expression: 'len(Phone) == 10' }])[0].operator).toBe('Equal');
    expect(problems([{ LeadFieldUID: 5, Value: 'x' }])[0].field).toBe('Criteria[0].Operator');
  });

  it('refuses fields of another lead type, FieldValue criteria without a field, and unknown or repeated ids', () => {
    expect(problems([{ LeadFieldUID: 99, Operator: 'Equal', Value: 'x' }])[0].message).toMatch(/LeadFieldUID 99 is not a field of lead type 1/);
    expect(problems([{ Operator: 'Equal', Value: 'x' }])[0].field).toBe('Criteria[0].LeadFieldUID');
    expect(problems([{ ClientCriteriaUID: 7, LeadFieldUID: 5, Operator: 'Equal', Value: 'x' }])[0].field).toBe('Criteria[0].ClientCriteriaUID');
    const twice = { ClientCriteriaUID: 42, LeadFieldUID: 5, Operator: 'Equal', Value: 'x' };
    expect(problems([twice, twice])[0].message).toMatch(/listed twice/);
  });

  it('keeps hostile text verbatim', () => {
    const value = "'; DROP TABLE leads; -- <script>${x}</script>";
    expect(ok([{ LeadFieldUID: 5, Operator: 'Contains', Value: value }])[0].value).toBe(value);
  });
});

describe('criterionToSeed', () => {
  it('answers the seed shape, and finds LeadFieldUID by name for criteria stored without it', () => {
    const stored: StoredDeliveryCriterion = { id: 9, field: 'State', leadFieldId: 5, operator: 'In', value: 'TX', type: 'FieldValue', expression: '' };
    expect(criterionToSeed(stored, new Map())).toEqual({ ClientCriteriaUID: 9, LeadFieldUID: 5, Type: 'FieldValue', Expression: '', Operator: 'In', Value: 'TX' });
    expect(criterionToSeed({ field: 'state', operator: 'Equal', value: 'CA' }, new Map([['state', 5]]))).toEqual({
      ClientCriteriaUID: 0,
      LeadFieldUID: 5,
      Type: 'FieldValue',
      Expression: '',
      Operator: 'Equal',
      Value: 'CA',
    });
  });
});

describe('criteriaAcceptFieldValue', () => {
  const state = { id: 5, name: 'State' };
  it('matches accounts whose criteria on the field accept the value', () => {
    expect(criteriaAcceptFieldValue([{ field: 'State', operator: 'In', value: 'TX|OK' }], state, 'tx')).toBe(true);
    expect(criteriaAcceptFieldValue([{ field: 'State', operator: 'In', value: 'TX|OK' }], state, 'CA')).toBe(false);
    expect(criteriaAcceptFieldValue([{ field: 'Other', leadFieldId: 5, operator: 'NotEqual', value: 'CA' }], state, 'TX')).toBe(true);
  });
  it('ignores criteria on other fields and non-FieldValue criteria; blank matches any criteria on the field', () => {
    expect(criteriaAcceptFieldValue([{ field: 'Age', operator: 'Greater', value: '18' }], state, 'TX')).toBe(false);
    expect(criteriaAcceptFieldValue([{ field: 'State', type: 'Expression', operator: 'Equal', value: '', expression: 'true' }], state, 'TX')).toBe(false);
    expect(criteriaAcceptFieldValue([{ field: 'State', operator: 'Equal', value: 'CA' }], state, '')).toBe(true);
    expect(criteriaAcceptFieldValue('garbage', state, '')).toBe(false);
  });
});
