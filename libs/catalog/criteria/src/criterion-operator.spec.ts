import { CRITERION_OPERATORS, NEGATIVE_OPERATORS, parseCriterionOperator, parseCriterionType } from './criterion-operator';

describe('criterion operators', () => {
  it('are the thirteen of seed 003, in its order', () => {
    expect(CRITERION_OPERATORS).toEqual([
      'Equal', 'NotEqual', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Between', 'In', 'NotIn',
      'DateCompare', 'Distance_Compare', 'Contains', 'Doesnt_Contain',
    ]);
    expect([...NEGATIVE_OPERATORS].sort()).toEqual(['Doesnt_Contain', 'NotEqual', 'NotIn']);
  });
  it('parse by name in any case, and nothing else', () => {
    for (const op of CRITERION_OPERATORS) {
      expect(parseCriterionOperator(op)).toBe(op);
      expect(parseCriterionOperator(` ${op.toUpperCase()} `)).toBe(op);
    }
    for (const junk of ['', 'Like', 'Doesnt Contain', 'DistanceCompare', 0, 6, null, undefined, {}, ['Equal']]) {
      expect(parseCriterionOperator(junk)).toBeUndefined();
    }
  });
  it('types parse by name in any case', () => {
    expect(parseCriterionType('fieldvalue')).toBe('FieldValue');
    expect(parseCriterionType('Function')).toBe('Function');
    expect(parseCriterionType('Regex')).toBeUndefined();
    expect(parseCriterionType(1)).toBeUndefined();
  });
});
