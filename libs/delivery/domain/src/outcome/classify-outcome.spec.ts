import { classifyHttpOutcome } from './classify-outcome';

describe('classifyHttpOutcome', () => {
  it.each([
    [{ status: 200, body: '{"result":"success"}' }, 'success', 'sold'],
    [{ status: 200, body: '{"result":"duplicate"}' }, 'success', 'rejected'],
    [{ status: 201, body: '' }, undefined, 'sold'],
    [{ status: 400, body: 'bad' }, undefined, 'rejected'],
    [{ status: 503, body: '' }, undefined, 'failed'],
    [{ errorCode: 'ECONNREFUSED' }, undefined, 'failed'],
    [{ errorCode: 'TimeoutError' }, undefined, 'ambiguous'],
    [{ errorCode: 'ECONNRESET' }, undefined, 'ambiguous'],
  ] as const)('%j with search %s → %s', (attempt, search, outcome) => {
    expect(classifyHttpOutcome({ ...attempt }, search).outcome).toBe(outcome);
  });
});
