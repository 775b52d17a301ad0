import { CompiledCriteria, compileCriteria, Criterion, CriteriaEnvironment } from '@leadx/catalog-criteria';
import { DeliveryDayRule, deliveryDaysStop } from '../schedule/delivery-days';
import { DistributionListMatch, distributionListStop } from './distribution-lists';
import { isValidTimeZone, localClock } from '../schedule/local-clock';

/**
 * Which delivery accounts may buy a lead, and in which order they are tried. Pure functions:
 * the scanner feeds them accounts and lead fields it loaded. Criteria use the shared criteria lib
 * (every operator of seed 003).
 */
export interface AccountView {
  id: number;
  clientId: number;
  name: string;
  accountStatus: string;
  clientStatus: string;
  price: number;
  priority: number;
  criteria: Criterion[];
  /** delivery_accounts.automation_enabled: false keeps the account out of automated scans. */
  automationEnabled?: boolean;
  /** The client's IANA zone: delivery days and maxes are on its clock. */
  timeZone?: string;
  /** The schedule of the account's delivery method (empty: always open). */
  deliveryDays?: readonly DeliveryDayRule[];
  /** clients.automation_type: how the client's own accounts are ordered (Price, Priority, RoundRobin). */
  automationType?: string;
  /** clients.priority: breaks ties between clients. */
  clientPriority?: number;
}

export interface EligibilityVerdict {
  accountId: number;
  passed: boolean;
  /** One readable line for the scan log: why it passed or which rule stopped it. */
  message: string;
}

const compiled = new WeakMap<Criterion[], CompiledCriteria>();

/** Compiles an account's criteria once per loaded criteria array. */
export function criteriaOf(account: Pick<AccountView, 'criteria'>): CompiledCriteria {
  let c = compiled.get(account.criteria);
  if (!c) {
    c = compileCriteria(account.criteria);
    compiled.set(account.criteria, c);
  }
  return c;
}

export interface EvaluateOptions {
  /** An automated scan (the pipeline) skips accounts with automation disabled; a manual scan does not. */
  automated?: boolean;
  /** The distribution lists that apply to the lead (see applicableLists). */
  lists?: readonly DistributionListMatch[];
  /**
   * The client the lead's campaign is exclusive to (campaign ExclusiveClientUID; 0/undefined: none):
   * only that client's accounts may take the lead. A scan with IgnoreExclusive leaves it unset.
   */
  exclusiveClientId?: number;
}

/**
 * Rules in a fixed order, cheapest first, so the log names the first rule that stopped the account:
 * account status, client status, the campaign's exclusive client, automation, distribution lists, delivery days in the client's
 * zone, criteria. Maxes and orders are checked when a delivery is requested (they reserve).
 */
export function evaluateAccount(
  account: AccountView,
  fields: Record<string, string>,
  env: CriteriaEnvironment = { now: () => new Date() },
  options: EvaluateOptions = {},
): EligibilityVerdict {
  const stop = (message: string) => ({ accountId: account.id, passed: false, message });
  if (account.accountStatus !== 'Open') return stop(`account status is ${account.accountStatus}`);
  if (account.clientStatus !== 'Active') return stop(`client status is ${account.clientStatus}`);
  if (options.exclusiveClientId && account.clientId !== options.exclusiveClientId) return stop(`the lead's campaign is exclusive to client ${options.exclusiveClientId}`);
  if ((options.automated ?? true) && account.automationEnabled === false) return stop('automation disabled on the account');
  const listStop = options.lists?.length ? distributionListStop(options.lists, account.clientId) : undefined;
  if (listStop) return stop(listStop);
  if (account.deliveryDays?.length) {
    // Fail closed: a zone the runtime does not know cannot tell whether the window is open.
    if (!isValidTimeZone(account.timeZone)) return stop(`client time zone ${JSON.stringify(account.timeZone ?? '')} is unknown`);
    const reason = deliveryDaysStop(account.deliveryDays, localClock(env.now(), account.timeZone));
    if (reason) return stop(reason);
  }
  const result = criteriaOf(account).evaluate(fields, env);
  if (!result.passed) return stop(`criteria failed: ${result.failed?.reason ?? 'unknown'}`);
  return { accountId: account.id, passed: true, message: `passed ${account.criteria.length} criteria` };
}

type Ranked = Pick<AccountView, 'id' | 'clientId' | 'price' | 'priority' | 'automationType' | 'clientPriority'>;

/**
 * The order accounts are tried in. Clients first: by the best price they offer, then
 * clients.priority, then id. Within a client, by its automation type: Price (price, priority, id),
 * Priority (priority, price, id) or RoundRobin (by id, rotated by `turns[clientId]`, a counter the
 * caller advances per lead so the client's accounts take turns).
 */
export function rankAccounts<T extends Ranked>(accounts: T[], turns: ReadonlyMap<number, number> = new Map()): T[] {
  const byClient = new Map<number, T[]>();
  for (const a of accounts) byClient.set(a.clientId, [...(byClient.get(a.clientId) ?? []), a]);
  const groups = [...byClient.entries()].map(([clientId, own]) => {
    const type = own[0].automationType ?? 'Price';
    let ordered: T[];
    if (type === 'RoundRobin') {
      const sorted = [...own].sort((a, b) => a.id - b.id);
      const k = ((turns.get(clientId) ?? 0) % sorted.length + sorted.length) % sorted.length;
      ordered = [...sorted.slice(k), ...sorted.slice(0, k)];
    } else if (type === 'Priority') {
      ordered = [...own].sort((a, b) => b.priority - a.priority || b.price - a.price || a.id - b.id);
    } else {
      ordered = [...own].sort((a, b) => b.price - a.price || b.priority - a.priority || a.id - b.id);
    }
    return { clientId, best: Math.max(...own.map((a) => a.price)), clientPriority: own[0].clientPriority ?? 0, ordered };
  });
  groups.sort((a, b) => b.best - a.best || b.clientPriority - a.clientPriority || a.clientId - b.clientId);
  return groups.flatMap((g) => g.ordered);
}
