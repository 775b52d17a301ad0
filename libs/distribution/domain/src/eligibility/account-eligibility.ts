import { CompiledCriteria, compileCriteria, Criterion, CriteriaEnvironment } from '@leadx/catalog-criteria';

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
}

export interface EligibilityVerdict {
  accountId: number;
  passed: boolean;
  /** One readable line for the scan log: why it passed or which rule stopped it. */
  message: string;
}

const compiled = new WeakMap<Criterion[], CompiledCriteria>();

/** Compiles an account's criteria once per loaded criteria array. */
function criteriaOf(account: AccountView): CompiledCriteria {
  let c = compiled.get(account.criteria);
  if (!c) {
    c = compileCriteria(account.criteria);
    compiled.set(account.criteria, c);
  }
  return c;
}

export function evaluateAccount(account: AccountView, fields: Record<string, string>, env: CriteriaEnvironment = { now: () => new Date() }): EligibilityVerdict {
  const stop = (message: string) => ({ accountId: account.id, passed: false, message });
  if (account.accountStatus !== 'Open') return stop(`account status is ${account.accountStatus}`);
  if (account.clientStatus !== 'Active') return stop(`client status is ${account.clientStatus}`);
  const result = criteriaOf(account).evaluate(fields, env);
  if (!result.passed) return stop(`criteria failed: ${result.failed?.reason ?? 'unknown'}`);
  return { accountId: account.id, passed: true, message: `passed ${account.criteria.length} criteria` };
}

/** Price first, then priority, then id for a stable order. */
export function rankAccounts<T extends Pick<AccountView, 'id' | 'price' | 'priority'>>(accounts: T[]): T[] {
  return [...accounts].sort((a, b) => b.price - a.price || b.priority - a.priority || a.id - b.id);
}
