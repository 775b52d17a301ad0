/**
 * Which delivery accounts may buy a lead, and in which order they are tried. Pure functions:
 * the scanner feeds them accounts and lead fields it loaded. (The slice's subset of seed 003's
 * criteria operators; the full set lands with the distribution work.)
 */
export interface CriterionView {
  field: string;
  operator: 'Equal' | 'NotEqual' | 'In' | 'NotIn';
  value: string;
}

export interface AccountView {
  id: number;
  clientId: number;
  name: string;
  accountStatus: string;
  clientStatus: string;
  price: number;
  priority: number;
  criteria: CriterionView[];
}

export interface EligibilityVerdict {
  accountId: number;
  passed: boolean;
  /** One readable line for the scan log: why it passed or which rule stopped it. */
  message: string;
}

const listOf = (value: string) => value.split('|').map((v) => v.trim().toLowerCase());

export function criterionHolds(c: CriterionView, fields: Record<string, string>): boolean {
  const actual = (fields[c.field] ?? '').trim().toLowerCase();
  switch (c.operator) {
    case 'Equal':
      return actual === c.value.trim().toLowerCase();
    case 'NotEqual':
      return actual !== c.value.trim().toLowerCase();
    case 'In':
      return listOf(c.value).includes(actual);
    case 'NotIn':
      return !listOf(c.value).includes(actual);
  }
}

export function evaluateAccount(account: AccountView, fields: Record<string, string>): EligibilityVerdict {
  const stop = (message: string) => ({ accountId: account.id, passed: false, message });
  if (account.accountStatus !== 'Open') return stop(`account status is ${account.accountStatus}`);
  if (account.clientStatus !== 'Active') return stop(`client status is ${account.clientStatus}`);
  for (const c of account.criteria) {
    if (!criterionHolds(c, fields)) {
      return stop(`criteria failed: ${c.field} ${c.operator} ${c.value} (lead has "${fields[c.field] ?? ''}")`);
    }
  }
  return { accountId: account.id, passed: true, message: `passed ${account.criteria.length} criteria` };
}

/** Price first, then priority, then id for a stable order. */
export function rankAccounts<T extends Pick<AccountView, 'id' | 'price' | 'priority'>>(accounts: T[]): T[] {
  return [...accounts].sort((a, b) => b.price - a.price || b.priority - a.priority || a.id - b.id);
}
