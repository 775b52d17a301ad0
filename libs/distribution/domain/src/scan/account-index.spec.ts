import { AccountIndex, IndexedAccount } from './account-index';
import { evaluateAccount } from '../eligibility/account-eligibility';

const account = (id: number, leadTypeId: number, criteria: IndexedAccount['criteria']): IndexedAccount => ({
  id, leadTypeId, clientId: 1, name: `a${id}`, accountStatus: 'Open', clientStatus: 'Active', price: 1, priority: 0, criteria,
});

describe('AccountIndex', () => {
  const accounts = [
    account(1, 1, [{ field: 'State', operator: 'Equal', value: 'TX' }]),
    account(2, 1, [{ field: 'state', operator: 'In', value: 'tx|OK' }]),
    account(3, 1, [{ field: 'Age', operator: 'Greater', value: '18' }]),
    account(4, 2, [{ field: 'State', operator: 'Equal', value: 'TX' }]),
    account(5, 1, [{ field: 'State', operator: 'NotEqual', value: 'TX' }]),
  ];
  const index = new AccountIndex(accounts);

  it('returns the accounts of the lead type that allow its state, plus those not constrained by state', () => {
    expect(index.candidates(1, { State: 'TX' }).map((a) => a.id).sort()).toEqual([1, 2, 3, 5]);
    expect(index.candidates(1, { STATE: 'ok' }).map((a) => a.id).sort()).toEqual([2, 3, 5]);
    expect(index.candidates(1, {}).map((a) => a.id).sort()).toEqual([3, 5]);
    expect(index.candidates(3, { State: 'TX' })).toEqual([]);
  });

  it('never leaves out an account that would pass (a superset of a full scan)', () => {
    for (const State of ['TX', 'tx', ' OK ', 'CA', '']) {
      const lead = { State, Age: '30' };
      const full = accounts.filter((a) => a.leadTypeId === 1 && evaluateAccount(a, lead).passed).map((a) => a.id);
      const indexed = new Set(index.candidates(1, lead).map((a) => a.id));
      expect(full.every((id) => indexed.has(id))).toBe(true);
    }
  });
});
