import { fail } from './wire-error';

/**
 * Format-neutral view of a posted batch, built by the JSON and XML readers and validated by
 * `normalise.ts`. Every member knows its canonical path (for `WireError.field`) and a label in the
 * terms of the format the source used (for the message).
 */
export interface RawMember {
  /** The name exactly as posted. */
  key: string;
  value: unknown;
  path: string;
  label: string;
}

export interface RawBagNaming {
  /** Canonical path of a member that may be absent, e.g. `source.vid`. */
  pathFor(name: string): string;
  /** Human label of a member that may be absent, e.g. `source.vid` or `attribute vid of <Leads>`. */
  labelFor(name: string): string;
}

/**
 * Members looked up by name, ignoring ASCII case (LeadExec's .NET binders match member names
 * case-insensitively). With `exactWins`, an exact-case match is taken even if other casings exist;
 * otherwise several casings of one name are refused.
 */
export class RawBag {
  private readonly byLower = new Map<string, RawMember[]>();

  constructor(
    members: readonly RawMember[],
    readonly naming: RawBagNaming,
    private readonly exactWins: boolean,
  ) {
    for (const m of members) {
      const lower = m.key.toLowerCase();
      const list = this.byLower.get(lower);
      if (list) list.push(m);
      else this.byLower.set(lower, [m]);
    }
  }

  get(name: string): RawMember | undefined {
    const list = this.byLower.get(name.toLowerCase());
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    const exact = list.filter((m) => m.key === name);
    if (this.exactWins && exact.length === 1) return exact[0];
    return fail(
      'invalid_field',
      `${this.naming.labelFor(name)} is given more than once (${list.map((m) => m.label).join(', ')}); send it once`,
      this.naming.pathFor(name),
    );
  }
}

export interface RawLead {
  index: number;
  path: string;
  label: string;
  properties: RawBag;
  /** Lead fields in posted order; `key` is the field name. */
  fields: RawMember[];
}

export interface RawBatch {
  source: RawBag;
  leads: RawLead[];
}
