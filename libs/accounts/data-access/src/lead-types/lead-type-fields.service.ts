import { DataSource, EntityManager } from 'typeorm';
import {
  checkLeadFieldDefinition,
  checkLeadFieldInput,
  LeadFieldEnumPlan,
  LeadFieldInput,
  LeadFieldProblem,
  LeadFieldRowValues,
  leadFieldView,
  LeadFieldView,
  mergeLeadFieldInput,
  planLeadFieldEnums,
  sortLeadFieldEnums,
  StoredLeadField,
  StoredLeadFieldEnum,
} from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { isLeadTypesUniqueViolation, LeadTypesError } from './lead-types.errors';
import { assertLeadTypeExists, lockLeadType } from './lead-types.service';

type Query = DataSource | EntityManager;

interface FieldRow {
  id: number;
  lead_type_id: number;
  name: string;
  data_type: string;
  required: boolean;
  special_bit: string | null;
  settings: StoredLeadField['settings'] | null;
}

/** One body item after checking: what to write. */
interface FieldWrite {
  /** Position in the request body (errors name `Fields[index]`). */
  index: number;
  id: number; // 0 = new
  values: LeadFieldRowValues;
  enums?: LeadFieldEnumPlan;
  delete: boolean;
}

/**
 * A lead type's fields (seed 003 "Fields for Lead Type") and the extension that writes them.
 * Rows are written in the receiver's storage (see libs/accounts/domain/src/lead-types), and every
 * operator-written expression and pattern is compiled before it is stored, so the receiver never
 * gets a definition it would have to fail closed on.
 */
export class LeadTypeFieldsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async list(leadTypeId: number): Promise<LeadFieldView[]> {
    await assertLeadTypeExists(this.ds, leadTypeId);
    return this.read(this.ds, leadTypeId);
  }

  /**
   * Applies the items in order: LeadFieldUID 0 (or absent) creates, a known UID modifies (omitted
   * properties kept) or, with Delete, removes; fields not listed stay. All or nothing: any refused
   * item refuses the request. Answers the lead type's fields after the change.
   */
  async save(leadTypeId: number, inputs: readonly LeadFieldInput[]): Promise<LeadFieldView[]> {
    return this.ds.transaction(async (m) => {
      await lockLeadType(m, leadTypeId);
      const rows = await this.rows(m, leadTypeId);
      const byId = new Map(rows.map((r) => [r.id, toStored(r)]));
      await this.materialiseLegacyEnums(m, rows, inputs);
      const enumsByField = await this.enums(m, leadTypeId);

      const problems: LeadFieldProblem[] = [];
      const writes: FieldWrite[] = [];
      const listed = new Set<number>();
      inputs.forEach((input, i) => {
        const path = `Fields[${i}]`;
        const uid = input.LeadFieldUID ?? 0;
        const current = uid > 0 ? byId.get(uid) : undefined;
        if (uid > 0 && !current) throw LeadTypesError.notFound(`lead field ${uid} of lead type`, leadTypeId);
        if (uid > 0 && listed.has(uid)) {
          problems.push({ Field: `${path}.LeadFieldUID`, Message: `${path}.LeadFieldUID ${uid} is listed more than once` });
          return;
        }
        listed.add(uid);
        if (input.Delete) {
          if (current) writes.push({ index: i, id: uid, values: mergeLeadFieldInput(current, {}), delete: true });
          return;
        }
        problems.push(...checkLeadFieldInput(input, path));
        const values = mergeLeadFieldInput(current, input);
        problems.push(...checkLeadFieldDefinition(values, path));
        const enums = input.FieldEnums ? planLeadFieldEnums(enumsByField.get(uid) ?? [], input.FieldEnums, path) : undefined;
        if (enums) problems.push(...enums.problems);
        writes.push({ index: i, id: uid, values, enums, delete: false });
      });
      problems.push(...checkNamesDistinct(rows, writes));
      const sets = (await m.query(`SELECT id, name, fields FROM lead_type_duplicate_sets WHERE lead_type_id = $1 ORDER BY id`, [leadTypeId])) as DuplicateSetRow[];
      problems.push(...checkDeletesUnused(byId, writes, sets));
      if (problems.length) throw LeadTypesError.invalid(problems);

      try {
        for (const w of writes.filter((x) => x.delete)) {
          await m.query(`DELETE FROM lead_type_fields WHERE id = $1`, [w.id]);
          await this.changes.record(m, 'lead_type_field', w.id, 'deleted');
        }
        for (const w of writes.filter((x) => !x.delete)) {
          const id = await this.writeField(m, leadTypeId, w);
          await this.changes.record(m, 'lead_type_field', id);
        }
        await this.followRenames(m, byId, writes, sets);
      } catch (err) {
        if (!isLeadTypesUniqueViolation(err)) throw err;
        // Only reachable when names or enumerations are swapped within one request.
        throw LeadTypesError.invalid([{ Field: 'Fields', Message: 'Fields: two fields (or two enumerations of a field) would share a name at one step; rename in two requests' }]);
      }
      return this.read(m, leadTypeId);
    });
  }

  private async writeField(m: EntityManager, leadTypeId: number, w: FieldWrite): Promise<number> {
    const v = w.values;
    let id = w.id;
    if (id > 0) {
      await m.query(
        `UPDATE lead_type_fields SET name = $2, data_type = $3, required = $4, special_bit = $5, settings = $6::jsonb WHERE id = $1`,
        [id, v.name, v.dataType, v.required, v.specialBit, JSON.stringify(v.settings)],
      );
    } else {
      const [row] = (await m.query(
        `INSERT INTO lead_type_fields (lead_type_id, name, data_type, required, special_bit, settings) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
        [leadTypeId, v.name, v.dataType, v.required, v.specialBit, JSON.stringify(v.settings)],
      )) as Array<{ id: number }>;
      id = row.id;
    }
    if (w.enums) {
      const plan = w.enums;
      if (plan.deletes.length) await m.query(`DELETE FROM lead_type_field_enums WHERE id = ANY($1::int[])`, [plan.deletes]);
      for (const u of plan.updates) {
        await m.query(`UPDATE lead_type_field_enums SET descriptor = $2, priority = $3 WHERE id = $1`, [u.id, u.descriptor, u.priority]);
      }
      for (const n of plan.inserts) {
        await m.query(`INSERT INTO lead_type_field_enums (lead_type_field_id, descriptor, priority) VALUES ($1, $2, $3)`, [id, n.descriptor, n.priority]);
      }
      // settings.enums is what the receiver reads: the Descriptors in display order.
      await m.query(
        `UPDATE lead_type_fields
            SET settings = jsonb_set(settings, '{enums}', COALESCE(
                  (SELECT jsonb_agg(e.descriptor ORDER BY e.priority, e.id) FROM lead_type_field_enums e WHERE e.lead_type_field_id = $1),
                  '[]'::jsonb))
          WHERE id = $1`,
        [id],
      );
    }
    return id;
  }

  /**
   * Duplicate sets name fields (the receiver matches them to lead fields by name): a renamed field
   * is renamed in its sets too, so the set keeps working. Mapped from the names before the request,
   * so renames that chain or swap within it land right.
   */
  private async followRenames(m: EntityManager, before: ReadonlyMap<number, StoredLeadField>, writes: readonly FieldWrite[], sets: readonly DuplicateSetRow[]): Promise<void> {
    const renamed = new Map<string, string>();
    for (const w of writes) {
      const old = before.get(w.id);
      if (!w.delete && old && old.name !== w.values.name) renamed.set(old.name.toLowerCase(), w.values.name);
    }
    if (!renamed.size) return;
    for (const set of sets) {
      const fields = set.fields.map((f) => renamed.get(f.toLowerCase()) ?? f);
      if (fields.every((f, i) => f === set.fields[i])) continue;
      await m.query(`UPDATE lead_type_duplicate_sets SET fields = $2::text[] WHERE id = $1`, [set.id, fields]);
      await this.changes.record(m, 'duplicate_set', set.id);
    }
  }

  /**
   * Fields whose enumerations only exist as settings.enums (written before the enum rows existed,
   * or by another tool) get rows before FieldEnums is applied to them, so they have UIDs.
   */
  private async materialiseLegacyEnums(m: EntityManager, rows: readonly FieldRow[], inputs: readonly LeadFieldInput[]): Promise<void> {
    const edited = new Set(inputs.filter((i) => i.FieldEnums && (i.LeadFieldUID ?? 0) > 0).map((i) => i.LeadFieldUID));
    for (const row of rows.filter((r) => edited.has(r.id))) {
      const legacy = Array.isArray(row.settings?.enums) ? row.settings.enums.map(String) : [];
      if (!legacy.length) continue;
      await m.query(
        `INSERT INTO lead_type_field_enums (lead_type_field_id, descriptor, priority)
         SELECT $1, d, i::int - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(d, i)
          WHERE NOT EXISTS (SELECT 1 FROM lead_type_field_enums WHERE lead_type_field_id = $1)
         ON CONFLICT DO NOTHING`,
        [row.id, legacy],
      );
    }
  }

  private async read(q: Query, leadTypeId: number): Promise<LeadFieldView[]> {
    const rows = await this.rows(q, leadTypeId);
    const enums = await this.enums(q, leadTypeId);
    return rows.map((r) => leadFieldView(toStored(r), enums.get(r.id) ?? []));
  }

  /** In id order: the receiver's definition order (computed fields see the ones before them). */
  private async rows(q: Query, leadTypeId: number): Promise<FieldRow[]> {
    return (await q.query(
      `SELECT id, lead_type_id, name, data_type, required, special_bit, settings FROM lead_type_fields WHERE lead_type_id = $1 ORDER BY id`,
      [leadTypeId],
    )) as FieldRow[];
  }

  private async enums(q: Query, leadTypeId: number): Promise<Map<number, StoredLeadFieldEnum[]>> {
    const rows = (await q.query(
      `SELECT e.id, e.lead_type_field_id AS "fieldId", e.descriptor, e.priority
         FROM lead_type_field_enums e JOIN lead_type_fields f ON f.id = e.lead_type_field_id
        WHERE f.lead_type_id = $1`,
      [leadTypeId],
    )) as StoredLeadFieldEnum[];
    const map = new Map<number, StoredLeadFieldEnum[]>();
    for (const e of sortLeadFieldEnums(rows)) map.set(e.fieldId, [...(map.get(e.fieldId) ?? []), e]);
    return map;
  }
}

interface DuplicateSetRow {
  id: number;
  name: string;
  fields: string[];
}

/** A field a duplicate set names cannot be deleted: the set would silently stop matching. */
function checkDeletesUnused(before: ReadonlyMap<number, StoredLeadField>, writes: readonly FieldWrite[], sets: readonly DuplicateSetRow[]): LeadFieldProblem[] {
  const problems: LeadFieldProblem[] = [];
  for (const w of writes.filter((x) => x.delete)) {
    const name = before.get(w.id)?.name.toLowerCase();
    const users = sets.filter((set) => set.fields.some((f) => f.toLowerCase() === name)).map((set) => `"${set.name}"`);
    if (users.length) {
      const at = `Fields[${w.index}].Delete`;
      problems.push({ Field: at, Message: `${at}: the field is used by duplicate set ${users.join(', ')}; change the sets first (PUT /v1/leadtypes/{LeadTypeUID}/duplicatesets)` });
    }
  }
  return problems;
}

function toStored(r: FieldRow): StoredLeadField {
  return { id: r.id, leadTypeId: r.lead_type_id, name: r.name, dataType: r.data_type, required: r.required, specialBit: r.special_bit, settings: r.settings ?? {} };
}

/**
 * Field names must stay distinct ignoring case after the request: the receiver finds posted
 * values ignoring case and ignores a second definition of a name.
 */
function checkNamesDistinct(rows: readonly FieldRow[], writes: readonly FieldWrite[]): LeadFieldProblem[] {
  const changed = new Set(writes.filter((w) => w.id > 0).map((w) => w.id));
  const taken = new Map<string, string>();
  for (const r of rows) if (!changed.has(r.id)) taken.set(r.name.toLowerCase(), `field ${r.id}`);
  const problems: LeadFieldProblem[] = [];
  writes.forEach((w) => {
    if (w.delete) return;
    const key = w.values.name.toLowerCase();
    const path = `Fields[${w.index}]`;
    const other = taken.get(key);
    if (other) problems.push({ Field: `${path}.Descriptor`, Message: `${path}.Descriptor "${w.values.name}" is already used by ${other} (names are compared ignoring case)` });
    else if (key) taken.set(key, path);
  });
  return problems;
}
