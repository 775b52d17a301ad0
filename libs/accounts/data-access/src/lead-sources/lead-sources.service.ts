import { DataSource, EntityManager } from 'typeorm';
import { LeadSourceStatus, normaliseLeadSourceUsername, Paging } from '@leadx/accounts-domain';
import { hashPassword } from '../auth/passwords';
import { ConfigChanges } from '../config-changes';
import { isUniqueViolationOn, LeadSourcesError } from './lead-sources.errors';

/** The seed's deprecated lead source fields: stored only to be answered back as they were sent. */
interface LeadSourceLegacy {
  ReturnString?: string;
  ReturnPostURL?: string;
  SystemVendor?: boolean;
  AdminUID?: number;
  CherryAccountUID?: number;
  AccountUID?: number;
}

/** Seed 003 "Create or Modify Lead Source" body; absent fields keep their value on a modify. */
export interface LeadSourceInput extends LeadSourceLegacy {
  LPVendorUID?: number;
  Name?: string;
  Address?: string;
  Address2?: string;
  City?: string;
  State?: string;
  Zip?: string;
  Phone?: string;
  Fax?: string;
  Email?: string;
  Status?: LeadSourceStatus;
  /** Blank or null removes the portal login. */
  UserName?: string | null;
  /** Set (hashed with argon2id) when non-empty; absent, null or "" keeps the current one. */
  Password?: string | null;
  ImageURL?: string;
  DefaultReturnDay?: number;
}

/** Seed 003 lead source as answered. Password is always null: it is never returned. */
export interface LeadSourceView {
  LPVendorUID: number;
  Name: string;
  Address: string;
  Address2: string;
  City: string;
  State: string;
  Zip: string;
  Phone: string;
  Fax: string;
  Email: string;
  ReturnString: string;
  ReturnPostURL: string;
  SystemVendor: boolean;
  Status: string;
  UserName: string;
  Password: null;
  AdminUID: number;
  CherryAccountUID: number;
  AccountUID: number;
  ImageURL: string;
  DefaultReturnDay: number;
}

export interface LeadSourcePage {
  items: LeadSourceView[];
  total: number;
}

interface LeadSourceRow {
  id: number;
  name: string;
  address: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  phone: string;
  fax: string;
  email: string;
  status: string;
  username: string | null;
  image_url: string;
  default_return_day: number;
  legacy: LeadSourceLegacy;
}

// Never password_hash: no query of a view may even read it.
const COLUMNS = `id, name, address, address2, city, state, zip, phone, fax, email, status, username, image_url, default_return_day, legacy`;
const CONTACT = ['Address', 'Address2', 'City', 'State', 'Zip', 'Phone', 'Fax', 'Email', 'ImageURL'] as const;
const LEGACY_KEYS = ['ReturnString', 'ReturnPostURL', 'SystemVendor', 'AdminUID', 'CherryAccountUID', 'AccountUID'] as const;

function view(r: LeadSourceRow): LeadSourceView {
  const legacy = r.legacy ?? {};
  return {
    LPVendorUID: r.id,
    Name: r.name,
    Address: r.address,
    Address2: r.address2,
    City: r.city,
    State: r.state,
    Zip: r.zip,
    Phone: r.phone,
    Fax: r.fax,
    Email: r.email,
    ReturnString: legacy.ReturnString ?? '',
    ReturnPostURL: legacy.ReturnPostURL ?? '',
    SystemVendor: legacy.SystemVendor ?? false,
    Status: r.status,
    UserName: r.username ?? '',
    Password: null,
    AdminUID: legacy.AdminUID ?? 0,
    CherryAccountUID: legacy.CherryAccountUID ?? 0,
    AccountUID: legacy.AccountUID ?? 0,
    ImageURL: r.image_url,
    DefaultReturnDay: r.default_return_day,
  };
}

/** Lead sources (seed 003 "Lead Sources"): profile, status and portal login. */
export class LeadSourcesService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  /** Lead sources by id; every one without `paging` (the seed's list has no paging). */
  async list(paging?: Paging): Promise<LeadSourcePage> {
    const rows = (await this.ds.query(`SELECT ${COLUMNS} FROM lead_sources ORDER BY id LIMIT $1 OFFSET $2`, [paging?.take ?? null, paging?.skip ?? 0])) as LeadSourceRow[];
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM lead_sources`)) as Array<{ total: number }>;
    return { items: rows.map(view), total };
  }

  async get(id: number): Promise<LeadSourceView> {
    const [row] = (await this.ds.query(`SELECT ${COLUMNS} FROM lead_sources WHERE id = $1`, [id])) as LeadSourceRow[];
    if (!row) throw LeadSourcesError.notFound('lead source', id);
    return view(row);
  }

  /** True when no lead source uses the username (any case): the seed's "is it unique". */
  async isUsernameAvailable(username: string): Promise<boolean> {
    const name = normaliseLeadSourceUsername(username);
    if (!name) return false;
    const rows = (await this.ds.query(`SELECT 1 FROM lead_sources WHERE lower(username) = lower($1)`, [name])) as unknown[];
    return rows.length === 0;
  }

  /** Creates (LPVendorUID 0 or absent) or modifies a lead source; answers its id. */
  async save(input: LeadSourceInput): Promise<number> {
    const id = input.LPVendorUID ?? 0;
    if (id === 0 && !input.Name?.trim()) throw LeadSourcesError.invalid([{ field: 'Name', message: 'Name is required to create a lead source' }]);
    if (typeof input.Name === 'string' && !input.Name.trim()) throw LeadSourcesError.invalid([{ field: 'Name', message: 'Name must not be empty' }]);
    const username = input.UserName === undefined ? undefined : normaliseLeadSourceUsername(input.UserName);
    // Hash before the transaction: argon2 takes tens of ms and needs no lock.
    const passwordHash = input.Password ? await hashPassword(input.Password) : undefined;
    try {
      return await this.ds.transaction(async (m) => {
        if (username) await this.assertUsernameFree(m, username, id);
        const saved = id === 0 ? await this.insert(m, input, username ?? null, passwordHash ?? null) : await this.update(m, id, input, username, passwordHash);
        await this.changes.record(m, 'lead_source', saved);
        return saved;
      });
    } catch (err) {
      // Two requests racing for one username: the unique index decides.
      if (isUniqueViolationOn(err, 'lead_sources_username_lower_key') || isUniqueViolationOn(err, 'lead_sources_username_key')) {
        throw LeadSourcesError.conflict('UserName', 'UserName is already used by another lead source');
      }
      throw err;
    }
  }

  private async assertUsernameFree(m: EntityManager, username: string, id: number): Promise<void> {
    const rows = (await m.query(`SELECT id FROM lead_sources WHERE lower(username) = lower($1) AND id <> $2`, [username, id])) as unknown[];
    if (rows.length) throw LeadSourcesError.conflict('UserName', 'UserName is already used by another lead source');
  }

  private async insert(m: EntityManager, input: LeadSourceInput, username: string | null, passwordHash: string | null): Promise<number> {
    const legacy: LeadSourceLegacy = {};
    for (const key of LEGACY_KEYS) if (input[key] !== undefined) Object.assign(legacy, { [key]: input[key] });
    const [row] = (await m.query(
      `INSERT INTO lead_sources (name, address, address2, city, state, zip, phone, fax, email, image_url, status, username, password_hash, default_return_day, legacy)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
      [
        input.Name,
        ...CONTACT.map((k) => input[k] ?? ''),
        input.Status ?? 'Active',
        username,
        passwordHash,
        input.DefaultReturnDay ?? 0,
        JSON.stringify(legacy),
      ],
    )) as Array<{ id: number }>;
    return row.id;
  }

  private async update(m: EntityManager, id: number, input: LeadSourceInput, username: string | null | undefined, passwordHash: string | undefined): Promise<number> {
    const [current] = (await m.query(`SELECT ${COLUMNS} FROM lead_sources WHERE id = $1 FOR UPDATE`, [id])) as LeadSourceRow[];
    if (!current) throw LeadSourcesError.notFound('lead source', id);
    const legacy: LeadSourceLegacy = { ...(current.legacy ?? {}) };
    for (const key of LEGACY_KEYS) if (input[key] !== undefined) Object.assign(legacy, { [key]: input[key] });
    // null is no value for these NOT NULL columns: like absent, it keeps the current one.
    const keep = <T>(value: T | null | undefined, was: T): T => (value === undefined || value === null ? was : value);
    await m.query(
      `UPDATE lead_sources SET name = $2, address = $3, address2 = $4, city = $5, state = $6, zip = $7, phone = $8, fax = $9, email = $10,
              image_url = $11, status = $12, username = $13, password_hash = COALESCE($14, password_hash), default_return_day = $15,
              legacy = $16, updated_at = now()
        WHERE id = $1`,
      [
        id,
        keep(input.Name, current.name),
        keep(input.Address, current.address),
        keep(input.Address2, current.address2),
        keep(input.City, current.city),
        keep(input.State, current.state),
        keep(input.Zip, current.zip),
        keep(input.Phone, current.phone),
        keep(input.Fax, current.fax),
        keep(input.Email, current.email),
        keep(input.ImageURL, current.image_url),
        keep(input.Status, current.status),
        username === undefined ? current.username : username,
        passwordHash ?? null,
        keep(input.DefaultReturnDay, current.default_return_day),
        JSON.stringify(legacy),
      ],
    );
    return id;
  }
}

/** Throws not_found unless the lead source exists. */
export async function assertLeadSourceExists(m: EntityManager | DataSource, id: number): Promise<void> {
  const rows = (await m.query(`SELECT 1 FROM lead_sources WHERE id = $1`, [id])) as unknown[];
  if (!rows.length) throw LeadSourcesError.notFound('lead source', id);
}
