import { CriteriaEnvironment, LeadFields } from './criterion';
import { evaluateCriterion } from './evaluate-criterion';

const NOW = new Date('2025-03-15T12:00:00Z');

describe('Distance_Compare', () => {
  const calls: Array<[string, string]> = [];
  const env: CriteriaEnvironment = {
    now: () => NOW,
    distanceMiles: (a, b) => {
      calls.push([a, b]);
      return ({ '75201': 12.34, '77001': 240, '75002': 50 } as Record<string, number>)[b];
    },
  };
  const near = (value: string, zip: string | undefined, e: CriteriaEnvironment = env) =>
    evaluateCriterion({ field: 'Zip', operator: 'Distance_Compare', value }, zip === undefined ? {} : { Zip: zip }, e);
  beforeEach(() => (calls.length = 0));

  it('passes a lead zip within the radius, inclusive, and asks from the criterion zip', () => {
    expect(near('75001|50', '75201')).toEqual({ passed: true, reason: 'Zip Distance_Compare 75001|50: lead zip 75201 is 12.3 mi from 75001' });
    expect(near('75001|50', '75002').passed).toBe(true);
    expect(near('75001|49.99', '75002').passed).toBe(false);
    expect(calls[0]).toEqual(['75001', '75201']);
  });
  it('fails a lead zip beyond the radius', () => {
    expect(near('75001|50', '77001')).toEqual({ passed: false, reason: 'Zip Distance_Compare 75001|50: lead zip 77001 is 240 mi from 75001' });
  });
  it('reduces ZIP+4 on either side to five digits and accepts , as separator', () => {
    expect(near('75001-1234, 50', '75201-9999').passed).toBe(true);
    expect(calls[0]).toEqual(['75001', '75201']);
  });
  it('fails a lead zip the lookup does not know, and a missing zip without asking', () => {
    expect(near('75001|50', '99999')).toEqual({ passed: false, reason: 'Zip Distance_Compare 75001|50: no distance known from 75001 to lead zip 99999' });
    expect(near('75001|50', undefined).reason).toBe('Zip Distance_Compare 75001|50: lead has no value');
    expect(calls).toEqual([['75001', '99999']]);
  });
  it('fails closed when there is no lookup, or it throws or answers nonsense', () => {
    expect(near('75001|50', '75201', { now: () => NOW }).reason).toBe('Zip Distance_Compare 75001|50: distance lookup not enabled');
    const throwing: CriteriaEnvironment = { now: () => NOW, distanceMiles: () => { throw new Error('db down'); } };
    expect(near('75001|50', '75201', throwing).reason).toBe('Zip Distance_Compare 75001|50: distance lookup failed: db down');
    for (const answer of [NaN, -1, Infinity]) {
      expect(near('75001|50', '75201', { now: () => NOW, distanceMiles: () => answer }).passed).toBe(false);
    }
  });
  it.each(['75001', '75001|', '|50', 'ABCDE|50', '7500|50', '75001|-5', '75001|ten', '75001|50|60', '50|75001'])('rejects the value %j', (value) => {
    const r = near(value, '75201');
    expect(r.passed).toBe(false);
    expect(r.reason).toContain('invalid criterion: Distance_Compare needs <zip>|<miles>');
    expect(calls).toEqual([]);
  });
});

describe('Expression and Function criteria', () => {
  const seen: Array<[string, LeadFields]> = [];
  const env = (result: unknown): CriteriaEnvironment => ({
    now: () => NOW,
    evaluateExpression: (expression, lead) => {
      seen.push([expression, lead]);
      if (result instanceof Error) throw result;
      return result;
    },
  });
  const lead = { Age: '30' };
  beforeEach(() => (seen.length = 0));

  it('fails closed when no evaluator is injected', () => {
    const r = evaluateCriterion({ field: 'Age', operator: 'Equal', value: '', type: 'Expression', expression: '[Age] > 18' }, lead, { now: () => NOW });
    expect(r).toEqual({ passed: false, reason: 'Expression [Age] > 18: expressions not enabled' });
  });
  it('passes when the evaluator answers truthy and hands it the expression and the lead', () => {
    const r = evaluateCriterion({ field: 'Age', operator: 'Equal', value: 'ignored', type: 'Function', expression: ' isAdult() ' }, lead, env(1));
    expect(r).toEqual({ passed: true, reason: 'Function isAdult(): expression is true' });
    expect(seen).toEqual([['isAdult()', lead]]);
  });
  it.each([false, 0, '', null, undefined, NaN])('fails when the evaluator answers %p', (answer) => {
    expect(evaluateCriterion({ field: '', operator: 'Equal', value: 'x', type: 'Expression' }, lead, env(answer)).passed).toBe(false);
  });
  it('uses Value when Expression is blank, and needs one of the two', () => {
    evaluateCriterion({ field: '', operator: 'Equal', value: '[Age] > 18', type: 'Expression', expression: '  ' }, lead, env(true));
    expect(seen[0][0]).toBe('[Age] > 18');
    const none = evaluateCriterion({ field: '', operator: 'Equal', value: ' ', type: 'Expression' }, lead, env(true));
    expect(none).toEqual({ passed: false, reason: 'Expression : invalid criterion: Expression criterion has no expression' });
    expect(seen).toHaveLength(1);
  });
  it('fails closed when the evaluator throws', () => {
    const r = evaluateCriterion({ field: '', operator: 'Equal', value: 'boom()', type: 'Expression' }, lead, env(new Error('no such function')));
    expect(r).toEqual({ passed: false, reason: 'Expression boom(): expression failed: no such function' });
  });
  it('accepts the type name in any case', () => {
    expect(evaluateCriterion({ field: '', operator: 'Equal', value: 'x', type: 'expression' as 'Expression' }, lead, env(true)).passed).toBe(true);
  });
});
