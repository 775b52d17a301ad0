/** A foreign key as the catalog describes it; names are already quoted identifiers. */
export interface ForeignKey {
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
  /** pg_constraint.confdeltype: a no action, r restrict, c cascade, n set null, d set default. */
  onDelete: string;
}

/** One DELETE of the purge: `DELETE FROM <table> WHERE <where>`, `$1` being the lead id. */
export interface PurgeStep {
  table: string;
  where: string;
}

const MAX_DEPTH = 6;

/**
 * Every row about one lead, from the foreign keys that lead to it: the tables referencing the lead,
 * those referencing their rows (sends → delivery_assignments), and so on, children before parents
 * so no constraint is hit, the lead last. Discovered rather than listed, so a table added later
 * with a foreign key to leads is purged too.
 *
 * Skipped: foreign keys that SET NULL / SET DEFAULT (those rows are about something else and only
 * point at the lead; Postgres clears the pointer) and self-references (another lead that points at
 * this one is not about this one: the purge then fails on the constraint and is retried, which is
 * the safe outcome).
 */
export function planLeadPurge(foreignKeys: readonly ForeignKey[], leads: string): PurgeStep[] {
  const steps: PurgeStep[] = [];
  const visit = (table: string, where: string, path: readonly string[]) => {
    if (path.length <= MAX_DEPTH) {
      for (const fk of foreignKeys) {
        if (fk.parent !== table || fk.onDelete === 'n' || fk.onDelete === 'd' || path.includes(fk.child)) continue;
        const childWhere = `(${fk.childColumns.join(', ')}) IN (SELECT ${fk.parentColumns.join(', ')} FROM ${table} WHERE ${where})`;
        visit(fk.child, childWhere, [...path, fk.child]);
      }
    }
    steps.push({ table, where });
  };
  visit(leads, 'id = $1', [leads]);
  return steps;
}
