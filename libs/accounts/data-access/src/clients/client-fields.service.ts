import { DataSource, EntityManager } from 'typeorm';
import type { ClientFieldDataType, ClientFieldRule, ClientFieldSpecialBit } from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';
import { ClientsError, ClientsFieldProblem } from './clients.errors';
import { isUniqueViolation } from './unique-violation';
import { withoutNulls } from './without-nulls';

export interface ClientFieldEnumView {
  ClientFieldEnumUID: number;
  ClientFieldUID: number;
  Descriptor: string;
  Priority: number;
}

/** Seed 003 "Fields for Client" / "Available Fields for Clients" item. */
export interface ClientFieldView {
  ClientFieldUID: number;
  Descriptor: string;
  DataType: ClientFieldDataType;
  Required: boolean;
  Status: boolean;
  Computed: boolean;
  ComputedExpr: string;
  Enumerated: boolean;
  Enums: ClientFieldEnumView[];
  Validation: string;
  InvalidChars: string;
  FormatError: string;
  FormatString: string;
  SpecialBit: ClientFieldSpecialBit;
  isState: boolean;
  FieldValue: string;
  PastValues: string[];
}

export interface ClientFieldEnumInput {
  ClientFieldEnumUID: number;
  Descriptor: string;
  Priority?: number;
}

/** Extension PUT /v1/clients/fields: ClientFieldUID 0 creates; absent properties keep their value on modify. */
export interface ClientFieldInput {
  ClientFieldUID: number;
  Descriptor: string;
  DataType?: ClientFieldDataType;
  Required?: boolean;
  Status?: boolean;
  Computed?: boolean;
  ComputedExpr?: string;
  Enumerated?: boolean;
  Enums?: ClientFieldEnumInput[];
  Validation?: string;
  InvalidChars?: string;
  FormatError?: string;
  FormatString?: string;
  SpecialBit?: ClientFieldSpecialBit;
  isState?: boolean;
}

interface FieldRow {
  id: number;
  descriptor: string;
  data_type: string;
  required: boolean;
  status: boolean;
  computed: boolean;
  computed_expr: string;
  enumerated: boolean;
  validation: string;
  invalid_chars: string;
  format_error: string;
  format_string: string;
  special_bit: string;
  is_state: boolean;
}

interface EnumRow {
  id: number;
  client_field_id: number;
  descriptor: string;
  priority: number;
}

/** Input property → column, for the plain (non-enum) properties of a field definition. */
const COLUMN_OF: ReadonlyArray<[keyof ClientFieldInput, string]> = [
  ['Descriptor', 'descriptor'],
  ['DataType', 'data_type'],
  ['Required', 'required'],
  ['Status', 'status'],
  ['Computed', 'computed'],
  ['ComputedExpr', 'computed_expr'],
  ['Enumerated', 'enumerated'],
  ['Validation', 'validation'],
  ['InvalidChars', 'invalid_chars'],
  ['FormatError', 'format_error'],
  ['FormatString', 'format_string'],
  ['SpecialBit', 'special_bit'],
  ['isState', 'is_state'],
];

function fieldView(r: FieldRow, enums: EnumRow[]): ClientFieldView {
  return {
    ClientFieldUID: r.id,
    Descriptor: r.descriptor,
    DataType: r.data_type as ClientFieldDataType,
    Required: r.required,
    Status: r.status,
    Computed: r.computed,
    ComputedExpr: r.computed_expr,
    Enumerated: r.enumerated,
    Enums: enums.map((e) => ({ ClientFieldEnumUID: e.id, ClientFieldUID: e.client_field_id, Descriptor: e.descriptor, Priority: e.priority })),
    Validation: r.validation,
    InvalidChars: r.invalid_chars,
    FormatError: r.format_error,
    FormatString: r.format_string,
    SpecialBit: r.special_bit as ClientFieldSpecialBit,
    isState: r.is_state,
    FieldValue: '',
    PastValues: [],
  };
}

/** Client field definitions (operator-defined) and a client's values with their past values. */
export class ClientFieldsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  /** Every field definition with its enums, by id ("Available Fields for Clients"). */
  async list(manager: EntityManager = this.ds.manager): Promise<ClientFieldView[]> {
    const fields = (await manager.query(`SELECT * FROM client_fields ORDER BY id`)) as FieldRow[];
    const enums = (await manager.query(`SELECT * FROM client_field_enums ORDER BY client_field_id, priority, id`)) as EnumRow[];
    return fields.map((f) => fieldView(f, enums.filter((e) => e.client_field_id === f.id)));
  }

  /** Every field with this client's current value and its past values, newest first; undefined for an unknown client. */
  async ofClient(clientId: number): Promise<ClientFieldView[] | undefined> {
    const [client] = (await this.ds.query(`SELECT id FROM clients WHERE id = $1`, [clientId])) as Array<{ id: number }>;
    if (!client) return undefined;
    const fields = await this.list();
    const values = (await this.ds.query(`SELECT client_field_id, value FROM client_field_values WHERE client_id = $1`, [clientId])) as Array<{ client_field_id: number; value: string }>;
    const past = (await this.ds.query(
      `SELECT client_field_id, value FROM client_field_value_history WHERE client_id = $1 ORDER BY changed_at DESC, id DESC`,
      [clientId],
    )) as Array<{ client_field_id: number; value: string }>;
    return fields.map((f) => ({
      ...f,
      FieldValue: values.find((v) => v.client_field_id === f.ClientFieldUID)?.value ?? '',
      PastValues: past.filter((p) => p.client_field_id === f.ClientFieldUID).map((p) => p.value),
    }));
  }

  /** The value rules of the given fields (by id), locked against concurrent redefinition. */
  async rulesOf(manager: EntityManager, ids: number[]): Promise<Map<number, ClientFieldRule & { specialBit: ClientFieldSpecialBit }>> {
    if (!ids.length) return new Map();
    const fields = (await manager.query(`SELECT * FROM client_fields WHERE id = ANY($1::int[]) FOR SHARE`, [ids])) as FieldRow[];
    const enums = (await manager.query(`SELECT * FROM client_field_enums WHERE client_field_id = ANY($1::int[]) ORDER BY priority, id`, [ids])) as EnumRow[];
    return new Map(
      fields.map((f) => [
        f.id,
        {
          descriptor: f.descriptor,
          dataType: f.data_type as ClientFieldDataType,
          enumerated: f.enumerated,
          enums: enums.filter((e) => e.client_field_id === f.id).map((e) => e.descriptor),
          specialBit: f.special_bit as ClientFieldSpecialBit,
        },
      ]),
    );
  }

  /** Creates (ClientFieldUID 0) or modifies a field definition; answers its id. */
  async upsert(fieldInput: ClientFieldInput): Promise<number> {
    const input = withoutNulls(fieldInput);
    const problems = enumProblems(input.Enums ?? []);
    if (problems.length) throw ClientsError.invalid(problems);
    try {
      return await this.ds.transaction(async (m) => {
        const id = input.ClientFieldUID > 0 ? await this.modify(m, input) : await this.create(m, input);
        if (input.Enums) await this.syncEnums(m, id, input.Enums);
        await this.changes.record(m, 'client_field', id);
        return id;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'client_fields_descriptor_ci_uq')) {
        throw new ClientsError('conflict', `a client field named ${JSON.stringify(input.Descriptor)} already exists`, [{ field: 'Descriptor', message: 'is already in use' }]);
      }
      throw err;
    }
  }

  private async create(m: EntityManager, input: ClientFieldInput): Promise<number> {
    const present = COLUMN_OF.filter(([prop]) => input[prop] !== undefined);
    const [row] = (await m.query(
      `INSERT INTO client_fields (${present.map(([, col]) => col).join(', ')}) VALUES (${present.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      present.map(([prop]) => input[prop]),
    )) as Array<{ id: number }>;
    return row.id;
  }

  private async modify(m: EntityManager, input: ClientFieldInput): Promise<number> {
    const present = COLUMN_OF.filter(([prop]) => input[prop] !== undefined);
    const rows = (await m.query(
      `WITH u AS (UPDATE client_fields SET ${present.map(([, col], i) => `${col} = $${i + 2}`).join(', ')}, updated_at = now()
                  WHERE id = $1 RETURNING id) SELECT id FROM u`,
      [input.ClientFieldUID, ...present.map(([prop]) => input[prop])],
    )) as Array<{ id: number }>;
    if (!rows.length) throw ClientsError.notFound('client field', input.ClientFieldUID);
    return rows[0].id;
  }

  /** The field's enums become exactly the given list: listed ids are updated, 0 adds, unlisted ones go. */
  private async syncEnums(m: EntityManager, fieldId: number, enums: ClientFieldEnumInput[]): Promise<void> {
    const keep = enums.filter((e) => e.ClientFieldEnumUID > 0).map((e) => e.ClientFieldEnumUID);
    const owned = (await m.query(`SELECT id FROM client_field_enums WHERE client_field_id = $1 AND id = ANY($2::int[])`, [fieldId, keep])) as Array<{ id: number }>;
    const ownedIds = new Set(owned.map((o) => o.id));
    const foreign = enums.map((e, i) => ({ e, i })).filter(({ e }) => e.ClientFieldEnumUID > 0 && !ownedIds.has(e.ClientFieldEnumUID));
    if (foreign.length) {
      throw ClientsError.invalid(foreign.map(({ e, i }) => ({ field: `Enums[${i}].ClientFieldEnumUID`, message: `${e.ClientFieldEnumUID} is not an enum of client field ${fieldId}` })));
    }
    await m.query(`DELETE FROM client_field_enums WHERE client_field_id = $1 AND NOT (id = ANY($2::int[]))`, [fieldId, keep]);
    for (const e of enums) {
      if (e.ClientFieldEnumUID > 0) {
        await m.query(`UPDATE client_field_enums SET descriptor = $2, priority = $3 WHERE id = $1`, [e.ClientFieldEnumUID, e.Descriptor, e.Priority ?? 0]);
      } else {
        await m.query(`INSERT INTO client_field_enums (client_field_id, descriptor, priority) VALUES ($1, $2, $3)`, [fieldId, e.Descriptor, e.Priority ?? 0]);
      }
    }
  }
}

/** Seed: an enum descriptor "may not contain spaces"; two enums of one field may not share a descriptor. */
function enumProblems(enums: ClientFieldEnumInput[]): ClientsFieldProblem[] {
  const seen = new Set<string>();
  const problems: ClientsFieldProblem[] = [];
  enums.forEach((e, i) => {
    if (/\s/.test(e.Descriptor)) problems.push({ field: `Enums[${i}].Descriptor`, message: 'may not contain spaces' });
    const key = e.Descriptor.toLowerCase();
    if (seen.has(key)) problems.push({ field: `Enums[${i}].Descriptor`, message: `repeats ${JSON.stringify(e.Descriptor)}` });
    seen.add(key);
  });
  return problems;
}
