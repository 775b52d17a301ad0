import { DataSource, EntityManager } from 'typeorm';
import { DuplicateSetInput, duplicateSetView, DuplicateSetView, planDuplicateSets, StoredDuplicateSet } from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { LeadTypesError } from './lead-types.errors';
import { assertLeadTypeExists, lockLeadType } from './lead-types.service';

/** Extension: a lead type's duplicate sets, as GET answers them and PUT takes them. */
export interface DuplicateSetsView {
  LeadTypeUID: number;
  DuplicateSets: DuplicateSetView[];
}

/**
 * Extension: a lead type's duplicate sets, in lead_type_duplicate_sets, the table the receiver's
 * DuplicateDetector reads (name, fields = lead field names). PUT replaces the whole list: listed
 * sets with a DuplicateSetUID are changed, those without are created, the others removed. An empty
 * list removes them all, and the receiver falls back to its default sets (Email, PrimaryPhone).
 */
export class DuplicateSetsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async list(leadTypeId: number): Promise<DuplicateSetsView> {
    await assertLeadTypeExists(this.ds, leadTypeId);
    return this.read(this.ds, leadTypeId);
  }

  async replace(leadTypeId: number, inputs: readonly DuplicateSetInput[]): Promise<DuplicateSetsView> {
    return this.ds.transaction(async (m) => {
      await lockLeadType(m, leadTypeId);
      const current = (await m.query(`SELECT id FROM lead_type_duplicate_sets WHERE lead_type_id = $1`, [leadTypeId])) as Array<{ id: number }>;
      const fields = (await m.query(`SELECT name FROM lead_type_fields WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])) as Array<{ name: string }>;
      const plan = planDuplicateSets(inputs, new Set(current.map((c) => c.id)), fields.map((f) => f.name));
      if (plan.problems.length) throw LeadTypesError.invalid(plan.problems);

      const kept = new Set(plan.sets.filter((s) => s.id > 0).map((s) => s.id));
      for (const { id } of current.filter((c) => !kept.has(c.id))) {
        await m.query(`DELETE FROM lead_type_duplicate_sets WHERE id = $1`, [id]);
        await this.changes.record(m, 'duplicate_set', id, 'deleted');
      }
      // Names are unique per lead type: park the kept sets' names first so renames may swap.
      if (kept.size) await m.query(`UPDATE lead_type_duplicate_sets SET name = '\x01' || id::text WHERE id = ANY($1::int[])`, [[...kept]]);
      for (const set of plan.sets) {
        let id = set.id;
        if (id > 0) {
          await m.query(`UPDATE lead_type_duplicate_sets SET name = $2, fields = $3::text[] WHERE id = $1`, [id, set.name, set.fields]);
        } else {
          const [row] = (await m.query(`INSERT INTO lead_type_duplicate_sets (lead_type_id, name, fields) VALUES ($1, $2, $3::text[]) RETURNING id`, [
            leadTypeId, set.name, set.fields,
          ])) as Array<{ id: number }>;
          id = row.id;
        }
        await this.changes.record(m, 'duplicate_set', id);
      }
      return this.read(m, leadTypeId);
    });
  }

  private async read(q: DataSource | EntityManager, leadTypeId: number): Promise<DuplicateSetsView> {
    const rows = (await q.query(
      `SELECT id, lead_type_id AS "leadTypeId", name, fields FROM lead_type_duplicate_sets WHERE lead_type_id = $1 ORDER BY id`,
      [leadTypeId],
    )) as StoredDuplicateSet[];
    return { LeadTypeUID: leadTypeId, DuplicateSets: rows.map(duplicateSetView) };
  }
}
