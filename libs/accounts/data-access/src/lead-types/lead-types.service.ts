import { DataSource, EntityManager } from 'typeorm';
import { LeadFieldProblem, leadTypeView, LeadTypeView, StoredLeadType } from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { LeadTypesError } from './lead-types.errors';

/** Extension: the writable lead type properties (seed names). */
export interface LeadTypeInput {
  LeadTypeUID?: number;
  Descriptor?: string;
  InQC?: boolean;
  Status?: boolean;
  TypeUID?: number;
}

export const MAX_LEAD_TYPE_NAME_LENGTH = 200;

interface LeadTypeRow {
  id: number;
  name: string;
  in_qc: boolean;
  status: boolean;
  type_uid: number;
  set_ids: number[];
}

// DefaultDupSets: the lead type's duplicate set ids, in id order.
const SELECT_LEAD_TYPES = `
  SELECT lt.id, lt.name, lt.in_qc, lt.status, lt.type_uid,
         COALESCE((SELECT array_agg(s.id ORDER BY s.id) FROM lead_type_duplicate_sets s WHERE s.lead_type_id = lt.id), '{}') AS set_ids
    FROM lead_types lt`;

function toView(r: LeadTypeRow): LeadTypeView {
  const row: StoredLeadType = { id: r.id, name: r.name, inQc: r.in_qc, status: r.status, typeUid: r.type_uid };
  return leadTypeView(row, r.set_ids);
}

/**
 * Lead types (seed 003 "Lead Type List", "Lead Type Properties", "Lead Type For Lead") and the
 * extension that creates and modifies them.
 */
export class LeadTypesService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async list(): Promise<LeadTypeView[]> {
    const rows = (await this.ds.query(`${SELECT_LEAD_TYPES} ORDER BY lt.id`)) as LeadTypeRow[];
    return rows.map(toView);
  }

  /** Undefined when there is no such lead type. */
  async get(id: number): Promise<LeadTypeView | undefined> {
    const [row] = (await this.ds.query(`${SELECT_LEAD_TYPES} WHERE lt.id = $1`, [id])) as LeadTypeRow[];
    return row ? toView(row) : undefined;
  }

  /** The lead type of a lead (leads.lead_type_id; leads are read, never written here). */
  async locate(leadId: string): Promise<LeadTypeView | undefined> {
    const [row] = (await this.ds.query(`${SELECT_LEAD_TYPES} WHERE lt.id = (SELECT lead_type_id FROM leads WHERE id = $1::bigint)`, [leadId])) as LeadTypeRow[];
    return row ? toView(row) : undefined;
  }

  /** Creates (LeadTypeUID 0 or absent) or modifies a lead type; answers its id. */
  async save(input: LeadTypeInput): Promise<number> {
    const problems = checkLeadTypeInput(input);
    if (problems.length) throw LeadTypesError.invalid(problems);
    return this.ds.transaction(async (m) => {
      const uid = input.LeadTypeUID ?? 0;
      const id = uid > 0 ? await this.modify(m, uid, input) : await this.create(m, input);
      await this.changes.record(m, 'lead_type', id);
      return id;
    });
  }

  private async create(m: EntityManager, input: LeadTypeInput): Promise<number> {
    const [row] = (await m.query(
      `INSERT INTO lead_types (name, in_qc, status, type_uid) VALUES ($1, $2, $3, $4) RETURNING id`,
      [input.Descriptor, input.InQC ?? false, input.Status ?? true, input.TypeUID ?? 0],
    )) as Array<{ id: number }>;
    return row.id;
  }

  private async modify(m: EntityManager, id: number, input: LeadTypeInput): Promise<number> {
    const rows = (await m.query(
      `WITH u AS (
         UPDATE lead_types SET name = COALESCE($2, name), in_qc = COALESCE($3, in_qc), status = COALESCE($4, status),
                type_uid = COALESCE($5, type_uid), updated_at = now()
          WHERE id = $1 RETURNING id)
       SELECT id FROM u`,
      [id, input.Descriptor ?? null, input.InQC ?? null, input.Status ?? null, input.TypeUID ?? null],
    )) as Array<{ id: number }>;
    if (!rows.length) throw LeadTypesError.notFound('lead type', id);
    return id;
  }
}

function checkLeadTypeInput(input: LeadTypeInput): LeadFieldProblem[] {
  const creating = !input.LeadTypeUID;
  const name = input.Descriptor;
  if (name === undefined) return creating ? [{ Field: 'Descriptor', Message: 'Descriptor is required to create a lead type' }] : [];
  if (!name.trim()) return [{ Field: 'Descriptor', Message: 'Descriptor must not be empty' }];
  if (name.length > MAX_LEAD_TYPE_NAME_LENGTH) return [{ Field: 'Descriptor', Message: `Descriptor must be at most ${MAX_LEAD_TYPE_NAME_LENGTH} characters` }];
  return [];
}

/**
 * Locks a lead type row for the transaction: serialises edits of its fields and sets. NO KEY UPDATE
 * does not conflict with the KEY SHARE locks of foreign keys, so leads keep flowing meanwhile.
 */
export async function lockLeadType(m: EntityManager, id: number): Promise<void> {
  const rows = (await m.query(`SELECT id FROM lead_types WHERE id = $1 FOR NO KEY UPDATE`, [id])) as unknown[];
  if (!rows.length) throw LeadTypesError.notFound('lead type', id);
}

/** Throws not_found unless the lead type exists (reads). */
export async function assertLeadTypeExists(q: DataSource | EntityManager, id: number): Promise<void> {
  const rows = (await q.query(`SELECT 1 FROM lead_types WHERE id = $1`, [id])) as unknown[];
  if (!rows.length) throw LeadTypesError.notFound('lead type', id);
}
