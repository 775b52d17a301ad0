import { DataSource, EntityManager } from 'typeorm';
import { ClientAutomationType, checkClientFieldValue, clientDisplayName, ClientStatus, ianaTimeZoneFor, ClientSpecialValues } from '@leadx/accounts-domain';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { ConfigChanges } from '../config-changes';
import { ClientFieldsService } from './client-fields.service';
import { CLIENT_COLUMNS, ClientInfoView, clientInfoView, ClientListItemView, clientListItemView, ClientRow } from './client-views';
import { ClientsError, ClientsFieldProblem } from './clients.errors';
import { isUniqueViolation } from './unique-violation';
import { withoutNulls } from './without-nulls';

/** Seed 003 "Create / Modify Client" Info; absent properties keep their value on modify. */
export interface ClientInfoInput {
  ClientUID: number;
  DateAdded?: string;
  Status?: ClientStatus;
  UserUID?: number;
  TimeOffset?: number;
  TimeZoneName?: string;
  Notes?: string;
  ResellerUID?: number;
  GroupUID?: number;
  Username?: string;
  Password?: string;
  OverrideReassign?: boolean;
  DeliveryAccountAutomationType?: ClientAutomationType;
}

export interface ClientFieldDataInput {
  ClientFieldUID: number;
  Value: string;
}

/** Who made a change (the Account API client id), for the status and group history. */
export type ClientChangedBy = string | undefined;

/** Group assignment by id or by name; id 0 (or no name) removes the assignment. */
export interface ClientGroupAssignment {
  ClientGroupUID?: number;
  ClientGroupName?: string;
}

/** Seed UIDs of 0 mean "none". */
const orNull = (n: number | undefined): number | null | undefined => (n === undefined ? undefined : n > 0 ? n : null);

/** Client records: create/modify with field values, status and group changes (each recorded), portal login. */
export class ClientsService {
  /** Verified when the username is unknown, so a miss costs as long as a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
    private readonly fields: ClientFieldsService,
  ) {}

  /** All clients by id; `paging` pages when the caller asked for it (the seed lists them all). */
  async list(paging?: { skip: number; take: number }): Promise<ClientListItemView[]> {
    const rows = (await this.ds.query(
      `SELECT ${CLIENT_COLUMNS} FROM clients c ORDER BY c.id ${paging ? 'OFFSET $1 LIMIT $2' : ''}`,
      paging ? [paging.skip, paging.take] : [],
    )) as ClientRow[];
    return rows.map(clientListItemView);
  }

  async usernameInUse(username: string): Promise<boolean> {
    const rows = (await this.ds.query(`SELECT 1 FROM clients WHERE lower(username) = lower($1)`, [username.trim()])) as unknown[];
    return rows.length > 0;
  }

  /** Creates (ClientUID 0) or modifies a client and its field values; answers the client's id. */
  async upsert(infoInput: ClientInfoInput, fieldData: ClientFieldDataInput[] = [], by?: ClientChangedBy): Promise<number> {
    const info = withoutNulls(infoInput);
    const isNew = info.ClientUID === 0;
    const username = info.Username?.trim();
    const problems: ClientsFieldProblem[] = [];
    if (isNew) {
      if (!username) problems.push({ field: 'Info.Username', message: 'is required for a new client' });
      if (!info.Password) problems.push({ field: 'Info.Password', message: 'is required for a new client' });
      if (!info.Status) problems.push({ field: 'Info.Status', message: 'is required for a new client' });
    }
    const seen = new Set<number>();
    fieldData.forEach((f, i) => {
      if (seen.has(f.ClientFieldUID)) problems.push({ field: `FieldData[${i}].ClientFieldUID`, message: `repeats client field ${f.ClientFieldUID}` });
      seen.add(f.ClientFieldUID);
    });
    if (problems.length) throw ClientsError.invalid(problems);
    // argon2 is deliberately slow: hash before the transaction takes its locks.
    const passwordHash = info.Password ? await hashPassword(info.Password) : undefined;
    try {
      return await this.ds.transaction(async (m) => {
        const before = isNew ? undefined : await this.lockClient(m, info.ClientUID);
        if (username && username.toLowerCase() !== before?.username?.toLowerCase()) await this.assertUsernameFree(m, username, info.ClientUID);
        const groupId = orNull(info.GroupUID);
        if (groupId) await this.assertGroupExists(m, groupId, 'Info.GroupUID');
        const values = await this.checkFieldData(m, fieldData);

        const columns: Record<string, unknown> = {
          date_added: info.DateAdded,
          status: info.Status,
          user_uid: orNull(info.UserUID),
          time_offset: info.TimeOffset,
          time_zone_name: info.TimeZoneName,
          notes: info.Notes,
          reseller_uid: orNull(info.ResellerUID),
          group_id: groupId,
          username: username || undefined,
          password_hash: passwordHash,
          override_reassign: info.OverrideReassign,
          automation_type: info.DeliveryAccountAutomationType,
          time_zone: info.TimeZoneName !== undefined || info.TimeOffset !== undefined ? ianaTimeZoneFor(info.TimeZoneName, info.TimeOffset) : undefined,
        };
        const set = Object.entries(columns).filter(([, v]) => v !== undefined);
        const id = before ? before.id : await this.insert(m, set);
        if (before && set.length) {
          await m.query(`UPDATE clients SET ${set.map(([col], i) => `${col} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...set.map(([, v]) => v)]);
        }
        if (info.Status && info.Status !== before?.status) await this.recordStatus(m, id, before?.status ?? null, info.Status, by);
        if (groupId !== undefined && groupId !== (before?.group_id ?? null)) await this.recordGroup(m, id, before?.group_id ?? null, groupId, by);
        for (const v of values) await this.writeFieldValue(m, id, v.ClientFieldUID, v.Value);
        await this.refreshName(m, id);
        await this.changes.record(m, 'client', id);
        return id;
      });
    } catch (err) {
      if (isUniqueViolation(err, 'clients_username_ci_uq')) throw usernameTaken(username ?? '');
      throw err;
    }
  }

  /** Answers false for an unknown client. */
  async setStatus(clientId: number, status: ClientStatus, by?: ClientChangedBy): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const before = await this.lockClient(m, clientId, false);
      if (!before) return false;
      if (before.status !== status) {
        await m.query(`UPDATE clients SET status = $2, updated_at = now() WHERE id = $1`, [clientId, status]);
        await this.recordStatus(m, clientId, before.status, status, by);
        await this.changes.record(m, 'client', clientId);
      }
      return true;
    });
  }

  /**
   * Seed: "Either the group name or UID is required … send 0 for the client group UID" to remove.
   * A non-zero UID wins over a name; a name is matched case-insensitively.
   */
  async setGroup(clientId: number, assignmentInput: ClientGroupAssignment, by?: ClientChangedBy): Promise<void> {
    const assignment = withoutNulls(assignmentInput);
    const name = assignment.ClientGroupName?.trim();
    if (assignment.ClientGroupUID === undefined && !name) {
      throw ClientsError.invalid([{ field: 'ClientGroupUID', message: 'or ClientGroupName is required (ClientGroupUID 0 removes the assignment)' }]);
    }
    await this.ds.transaction(async (m) => {
      const before = await this.lockClient(m, clientId);
      let groupId: number | null = null;
      if (assignment.ClientGroupUID && assignment.ClientGroupUID > 0) {
        await this.assertGroupExists(m, assignment.ClientGroupUID);
        groupId = assignment.ClientGroupUID;
      } else if (name) {
        const [g] = (await m.query(`SELECT id FROM client_groups WHERE lower(description) = lower($1)`, [name])) as Array<{ id: number }>;
        if (!g) throw new ClientsError('not_found', `client group named ${JSON.stringify(name)} not found`);
        groupId = g.id;
      }
      if (groupId === before.group_id) return;
      await m.query(`UPDATE clients SET group_id = $2, updated_at = now() WHERE id = $1`, [clientId, groupId]);
      await this.recordGroup(m, clientId, before.group_id, groupId, by);
      await this.changes.record(m, 'client', clientId);
    });
  }

  /** The client's info when the username and password match; undefined otherwise (the same for an unknown username). */
  async login(username: string, password: string): Promise<ClientInfoView | undefined> {
    const rows = (await this.ds.query(
      `SELECT ${CLIENT_COLUMNS}, c.password_hash FROM clients c WHERE lower(c.username) = lower($1)`,
      [username.trim()],
    )) as Array<ClientRow & { password_hash: string | null }>;
    const row = rows[0];
    if (!row?.password_hash) {
      this.dummyHash ??= hashPassword('no such client: equalise timing');
      await verifyPassword(await this.dummyHash, password);
      return undefined;
    }
    return (await verifyPassword(row.password_hash, password)) ? clientInfoView(row) : undefined;
  }

  private async lockClient(m: EntityManager, id: number): Promise<ClientRow>;
  private async lockClient(m: EntityManager, id: number, required: false): Promise<ClientRow | undefined>;
  private async lockClient(m: EntityManager, id: number, required = true): Promise<ClientRow | undefined> {
    const [row] = (await m.query(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id = $1 FOR UPDATE`, [id])) as ClientRow[];
    if (!row && required) throw ClientsError.notFound('client', id);
    return row;
  }

  private async insert(m: EntityManager, set: Array<[string, unknown]>): Promise<number> {
    // clients.name is NOT NULL and read by other services; refreshName sets the real one below.
    const cols = [['name', ''] as [string, unknown], ...set];
    const [row] = (await m.query(
      `INSERT INTO clients (${cols.map(([c]) => c).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      cols.map(([, v]) => v),
    )) as Array<{ id: number }>;
    return row.id;
  }

  private async assertUsernameFree(m: EntityManager, username: string, exceptId: number): Promise<void> {
    const taken = (await m.query(`SELECT 1 FROM clients WHERE lower(username) = lower($1) AND id <> $2`, [username, exceptId])) as unknown[];
    if (taken.length) throw usernameTaken(username);
  }

  private async assertGroupExists(m: EntityManager, groupId: number, field?: string): Promise<void> {
    const rows = (await m.query(`SELECT 1 FROM client_groups WHERE id = $1`, [groupId])) as unknown[];
    if (rows.length) return;
    // In a client body an unknown group is a bad reference (400); as the thing addressed, a 404.
    throw field ? ClientsError.invalid([{ field, message: `client group ${groupId} does not exist` }]) : ClientsError.notFound('client group', groupId);
  }

  /** Unknown fields and values their field refuses are 400s naming FieldData.<i>; answers the values to store. */
  private async checkFieldData(m: EntityManager, fieldData: ClientFieldDataInput[]): Promise<ClientFieldDataInput[]> {
    const rules = await this.fields.rulesOf(m, fieldData.map((f) => f.ClientFieldUID));
    const problems: ClientsFieldProblem[] = [];
    const values = fieldData.map((f, i) => {
      const rule = rules.get(f.ClientFieldUID);
      if (!rule) {
        problems.push({ field: `FieldData[${i}].ClientFieldUID`, message: `client field ${f.ClientFieldUID} does not exist (GET /v1/clients/fields lists them)` });
        return f;
      }
      const checked = checkClientFieldValue(rule, f.Value);
      if ('error' in checked) {
        problems.push({ field: `FieldData[${i}].Value`, message: checked.error });
        return f;
      }
      return { ClientFieldUID: f.ClientFieldUID, Value: checked.value };
    });
    if (problems.length) throw ClientsError.invalid(problems);
    return values;
  }

  /** A changed value keeps the value it replaces in client_field_value_history. */
  private async writeFieldValue(m: EntityManager, clientId: number, fieldId: number, value: string): Promise<void> {
    const [current] = (await m.query(
      `SELECT value FROM client_field_values WHERE client_id = $1 AND client_field_id = $2 FOR UPDATE`,
      [clientId, fieldId],
    )) as Array<{ value: string }>;
    if (current?.value === value) return;
    if (current) {
      await m.query(`INSERT INTO client_field_value_history (client_id, client_field_id, value) VALUES ($1, $2, $3)`, [clientId, fieldId, current.value]);
      await m.query(`UPDATE client_field_values SET value = $3, updated_at = now() WHERE client_id = $1 AND client_field_id = $2`, [clientId, fieldId, value]);
    } else {
      await m.query(`INSERT INTO client_field_values (client_id, client_field_id, value) VALUES ($1, $2, $3)`, [clientId, fieldId, value]);
    }
  }

  private async refreshName(m: EntityManager, clientId: number): Promise<void> {
    const rows = (await m.query(
      `SELECT f.special_bit, v.value FROM client_field_values v JOIN client_fields f ON f.id = v.client_field_id
        WHERE v.client_id = $1 AND f.special_bit IN ('Company', 'FirstName', 'LastName') ORDER BY f.id DESC`,
      [clientId],
    )) as Array<{ special_bit: keyof ClientSpecialValues; value: string }>;
    const special: ClientSpecialValues = Object.fromEntries(rows.map((r) => [r.special_bit, r.value]));
    const [{ username }] = (await m.query(`SELECT username FROM clients WHERE id = $1`, [clientId])) as Array<{ username: string | null }>;
    await m.query(`UPDATE clients SET name = $2 WHERE id = $1 AND name IS DISTINCT FROM $2`, [clientId, clientDisplayName(special, username, clientId)]);
  }

  private async recordStatus(m: EntityManager, clientId: number, from: string | null, to: string, by: ClientChangedBy): Promise<void> {
    await m.query(`INSERT INTO client_status_history (client_id, old_status, new_status, changed_by) VALUES ($1, $2, $3, $4)`, [clientId, from, to, by ?? null]);
  }

  private async recordGroup(m: EntityManager, clientId: number, from: number | null, to: number | null, by: ClientChangedBy): Promise<void> {
    await m.query(`INSERT INTO client_group_history (client_id, old_group_id, new_group_id, changed_by) VALUES ($1, $2, $3, $4)`, [clientId, from, to, by ?? null]);
  }
}

function usernameTaken(username: string): ClientsError {
  return new ClientsError('conflict', `the client username ${JSON.stringify(username)} is already in use`, [{ field: 'Info.Username', message: 'is already in use' }]);
}
