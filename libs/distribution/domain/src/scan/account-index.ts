import { indexKey } from '@leadx/catalog-criteria';
import { AccountView, criteriaOf } from '../eligibility/account-eligibility';

/** An account with the lead type it buys (the first level of the index). */
export type IndexedAccount = AccountView & { leadTypeId: number };

interface TypeBucket<T> {
  /** Accounts whose criteria allow only some values of the field, by indexKey(value). */
  byKey: Map<string, T[]>;
  /** Accounts that do not constrain the field with Equal/In: any value may pass. */
  open: T[];
}

/**
 * Accounts indexed by lead type, then by the Equal/In values their criteria allow on one field
 * (State by default), built once per configuration change. `candidates` returns a superset of the
 * accounts that can pass for a lead — the ones of its type that allow its value or do not constrain
 * the field — so a scan evaluates those only instead of every account: with accounts spread over
 * 50 states the cost of a scan grows with the accounts of one state, not with all of them.
 */
export class AccountIndex<T extends IndexedAccount> {
  private readonly types = new Map<number, TypeBucket<T>>();

  constructor(
    accounts: readonly T[],
    readonly field = 'State',
  ) {
    for (const a of accounts) {
      let bucket = this.types.get(a.leadTypeId);
      if (!bucket) {
        bucket = { byKey: new Map(), open: [] };
        this.types.set(a.leadTypeId, bucket);
      }
      const [constraint] = criteriaOf(a).indexKeys([field]);
      if (!constraint) {
        bucket.open.push(a);
        continue;
      }
      // An empty key list means no lead can pass: the account is left out of the index.
      for (const k of constraint.keys) {
        const list = bucket.byKey.get(k);
        if (list) list.push(a);
        else bucket.byKey.set(k, [a]);
      }
    }
  }

  candidates(leadTypeId: number, fields: Readonly<Record<string, string>>): T[] {
    const bucket = this.types.get(leadTypeId);
    if (!bucket) return [];
    const value = valueOf(fields, this.field);
    const keyed = value === undefined || value.trim() === '' ? undefined : bucket.byKey.get(indexKey(value));
    return keyed ? [...keyed, ...bucket.open] : bucket.open;
  }
}

/** The lead's value of a field, its name matched case-insensitively like the criteria lib does. */
function valueOf(fields: Readonly<Record<string, string>>, field: string): string | undefined {
  if (field in fields) return fields[field];
  const lower = field.toLowerCase();
  for (const [k, v] of Object.entries(fields)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
