import { AccountView, evaluateAccount, rankAccounts } from './account-eligibility';

const account = (over: Partial<AccountView> = {}): AccountView => ({
  id: 1, clientId: 1, name: 'A', accountStatus: 'Open', clientStatus: 'Active', price: 10, priority: 0, criteria: [], ...over,
});

describe('evaluateAccount', () => {
  it('says which rule stopped an account', () => {
    const v = evaluateAccount(account({ criteria: [{ field: 'State', operator: 'Equal', value: 'CA' }] }), { State: 'TX' });
    expect(v).toEqual({ accountId: 1, passed: false, message: 'criteria failed: State Equal CA: lead has TX' });
  });
  it('stops closed accounts and inactive clients before criteria', () => {
    expect(evaluateAccount(account({ accountStatus: 'Closed' }), {}).message).toBe('account status is Closed');
    expect(evaluateAccount(account({ clientStatus: 'Inactive' }), {}).message).toBe('client status is Inactive');
  });
  it('passes an open account whose criteria all hold, with every seed operator available', () => {
    const criteria = [
      { field: 'State', operator: 'In' as const, value: 'TX|OK' },
      { field: 'Age', operator: 'Between' as const, value: '18|65' },
      { field: 'Email', operator: 'Doesnt_Contain' as const, value: 'test' },
    ];
    expect(evaluateAccount(account({ criteria }), { State: 'OK', Age: '40', Email: 'a@b.co' }).passed).toBe(true);
    expect(evaluateAccount(account({ criteria }), { State: 'OK', Age: '70', Email: 'a@b.co' }).message).toMatch(/^criteria failed: Age Between/);
  });
});

describe('rankAccounts', () => {
  it('orders by price, then priority, then id', () => {
    const ranked = rankAccounts([
      account({ id: 3, price: 5, priority: 1 }),
      account({ id: 2, price: 9, priority: 0 }),
      account({ id: 1, price: 5, priority: 1 }),
      account({ id: 4, price: 5, priority: 7 }),
    ]);
    expect(ranked.map((a) => a.id)).toEqual([2, 4, 1, 3]);
  });
});
