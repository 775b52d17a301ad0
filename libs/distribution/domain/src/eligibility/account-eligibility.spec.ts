import { AccountView, evaluateAccount, rankAccounts } from './account-eligibility';
import { DeliveryDayRule } from '../schedule/delivery-days';
import { safeExpressionEvaluator } from './safe-expressions';
import { applicableLists, DistributionListMatch } from './distribution-lists';

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

describe('evaluateAccount: the campaign\'s exclusive client', () => {
  it('lets only the exclusive client\'s accounts take the lead, and names the rule', () => {
    expect(evaluateAccount(account({ clientId: 7 }), {}, undefined, { exclusiveClientId: 7 }).passed).toBe(true);
    expect(evaluateAccount(account({ clientId: 8 }), {}, undefined, { exclusiveClientId: 7 }).message).toBe("the lead's campaign is exclusive to client 7");
  });
  it('does not restrict without an exclusive client (0 or unset, as IgnoreExclusive scans pass)', () => {
    expect(evaluateAccount(account({ clientId: 8 }), {}, undefined, { exclusiveClientId: 0 }).passed).toBe(true);
    expect(evaluateAccount(account({ clientId: 8 }), {}, undefined, {}).passed).toBe(true);
  });
  it('checks account and client status first', () => {
    expect(evaluateAccount(account({ clientId: 8, accountStatus: 'Closed' }), {}, undefined, { exclusiveClientId: 7 }).message).toBe('account status is Closed');
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

describe('evaluateAccount: automation and delivery days', () => {
  // Monday 2026-11-23 15:30 UTC = 10:30 in New York, 07:30 in Los Angeles.
  const env = { now: () => new Date('2026-11-23T15:30:00Z') };
  const days = (rules: Array<Partial<DeliveryDayRule>>) =>
    rules.map((r) => ({ weekDay: null, staticDate: null, startTime: '00:00', endTime: '23:59:59', allow: true, ...r }));

  it('skips accounts with automation disabled on automated scans only', () => {
    expect(evaluateAccount(account({ automationEnabled: false }), {}, env).message).toBe('automation disabled on the account');
    expect(evaluateAccount(account({ automationEnabled: false }), {}, env, { automated: false }).passed).toBe(true);
  });

  it("reads weekday windows on the client's clock", () => {
    const open9to5 = days([{ weekDay: 1, startTime: '09:00', endTime: '17:00' }]);
    expect(evaluateAccount(account({ timeZone: 'America/New_York', deliveryDays: open9to5 }), {}, env).passed).toBe(true);
    expect(evaluateAccount(account({ timeZone: 'America/Los_Angeles', deliveryDays: open9to5 }), {}, env).message).toBe(
      'delivery days: outside delivery times (client time 2026-11-23 Monday 07:30)',
    );
  });

  it('lets a static date override the weekday and refusals close a window', () => {
    const rules = days([{ weekDay: 1, startTime: '09:00', endTime: '17:00' }, { staticDate: '2026-11-23', startTime: '12:00', endTime: '13:00' }]);
    expect(evaluateAccount(account({ timeZone: 'America/New_York', deliveryDays: rules }), {}, env).passed).toBe(false);
    const refusals = days([{ weekDay: 1, startTime: '10:00', endTime: '11:00', allow: false }]);
    expect(evaluateAccount(account({ timeZone: 'America/New_York', deliveryDays: refusals }), {}, env).message).toMatch(/^delivery days: refused Monday 10:00-11:00/);
    expect(evaluateAccount(account({ timeZone: 'America/Chicago', deliveryDays: refusals }), {}, env).passed).toBe(true);
  });

  it('fails closed on an unknown time zone', () => {
    expect(evaluateAccount(account({ timeZone: 'Mars/Base', deliveryDays: days([{ weekDay: 1 }]) }), {}, env).passed).toBe(false);
  });
});

describe('rankAccounts by automation type', () => {
  it('groups by client (best price, then client priority) and orders each client by its type', () => {
    const ranked = rankAccounts([
      account({ id: 1, clientId: 10, price: 5, priority: 9, automationType: 'Priority' }),
      account({ id: 2, clientId: 10, price: 30, priority: 1, automationType: 'Priority' }),
      account({ id: 3, clientId: 20, price: 30, priority: 0, clientPriority: 5 }),
      account({ id: 4, clientId: 20, price: 7, priority: 0, clientPriority: 5 }),
    ]);
    expect(ranked.map((a) => a.id)).toEqual([3, 4, 1, 2]);
  });

  it('rotates a RoundRobin client by its turn counter', () => {
    const accounts = [1, 2, 3].map((id) => account({ id, automationType: 'RoundRobin' }));
    expect(rankAccounts(accounts, new Map([[1, 0]])).map((a) => a.id)).toEqual([1, 2, 3]);
    expect(rankAccounts(accounts, new Map([[1, 4]])).map((a) => a.id)).toEqual([2, 3, 1]);
  });
});

describe('Expression criteria through the safe engine', () => {
  const env = { now: () => new Date(), evaluateExpression: safeExpressionEvaluator() };
  it('passes or stops on the expression, and fails closed on one that does not parse', () => {
    const criteria = [{ field: '', operator: 'Equal' as const, value: '', type: 'Expression' as const, expression: 'Age >= 21 && State == "TX"' }];
    expect(evaluateAccount(account({ criteria }), { Age: '30', State: 'TX' }, env).passed).toBe(true);
    expect(evaluateAccount(account({ criteria }), { Age: '19', State: 'TX' }, env).message).toMatch(/expression is false/);
    const broken = [{ ...criteria[0], expression: 'Age >= (' }];
    expect(evaluateAccount(account({ criteria: broken }), { Age: '30' }, env).message).toMatch(/expression failed/);
  });
});

describe('distribution lists', () => {
  const list = (over: Partial<DistributionListMatch> = {}): DistributionListMatch => ({
    name: 'Zips', field: 'Zip', value: '10001', dependField: null, dependValue: '', assignedClients: [], defaultClientId: null, ...over,
  });
  it('restricts clients to those assigned to the value, else the default client, else none', () => {
    const assigned = { lists: [list({ assignedClients: [7, 8] })] };
    expect(evaluateAccount(account({ clientId: 8 }), {}, undefined, assigned).passed).toBe(true);
    expect(evaluateAccount(account({ clientId: 1 }), {}, undefined, assigned).message).toBe('distribution list "Zips": Zip "10001" goes to clients 7, 8');
    expect(evaluateAccount(account({ clientId: 3 }), {}, undefined, { lists: [list({ defaultClientId: 3 })] }).passed).toBe(true);
    expect(evaluateAccount(account(), {}, undefined, { lists: [list()] }).message).toMatch(/goes to no client$/);
  });
  it('applies a list only when its depend field has the value', () => {
    const lists = [list({ dependField: 'Country', dependValue: 'United States' })];
    expect(applicableLists(lists, { Country: ' united states ' })).toHaveLength(1);
    expect(applicableLists(lists, { Country: 'Canada' })).toHaveLength(0);
  });
});
