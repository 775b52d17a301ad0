import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_DUPLICATE_SETS, DuplicateKey, duplicateKeys, duplicateLockId, DuplicateSetDefinition } from './duplicate-keys';

export interface DuplicateDetectorOptions {
  /** How long a lead type's sets are cached; an Account API change shows within this time. */
  setsCacheMs?: number;
}

/**
 * Duplicate leads (seed 002 responseType Duplicate_Lead, seed 003 campaign DupDayMax and lead type
 * duplicate sets), LeadExec semantics:
 * - the sets belong to the lead type and the scan covers every lead of that lead type, whichever
 *   source or campaign sent it: a lead resold by a second source is still the same consumer;
 * - the window is the POSTING campaign's DupDayMax (0 = no check);
 * - the answer names the earliest matching lead in the window (seed 002 duplicate check's
 *   "identifier of original lead").
 *
 * Use, in the transaction that stores the leads: `lock` all keys of the batch, then per lead
 * `findDuplicate`, and `record` each stored lead's keys before checking the next lead (so two
 * identical leads in one batch catch each other). Record the keys of EVERY stored lead, also from
 * campaigns with DupDayMax 0: another campaign of the lead type may scan for them.
 *
 * Concurrency: `lock` takes a transaction-scoped advisory lock per key, so of two identical leads
 * posted at the same instant the second waits until the first commits (or rolls back), then sees
 * its keys. Locks are taken in one global order, so batches sharing keys cannot deadlock.
 *
 * LeadIntakeService (the receiver's hot path) does the same steps in its own merged statements,
 * with the same lock ids (`duplicateLockId`) and order, and the same scan; see its `store`.
 */
export class DuplicateDetector {
  private readonly setsCacheMs: number;
  private readonly cache = new Map<number, { at: number; sets: DuplicateSetDefinition[] }>();

  constructor(
    private readonly dataSource: DataSource,
    options: DuplicateDetectorOptions = {},
  ) {
    this.setsCacheMs = options.setsCacheMs ?? 5_000;
  }

  /** The lead's key per duplicate set of its lead type (or the default sets when it has none). */
  async keysFor(leadTypeId: number, fields: Readonly<Record<string, unknown>>): Promise<DuplicateKey[]> {
    return duplicateKeys(await this.setsOf(leadTypeId), fields);
  }

  /** Drops the cached sets (an Account API change was announced). */
  forget(): void {
    this.cache.clear();
  }

  /** The sets in force for a lead type: its own, else DEFAULT_DUPLICATE_SETS. */
  async setsOf(leadTypeId: number): Promise<DuplicateSetDefinition[]> {
    const cached = this.cache.get(leadTypeId);
    if (cached && Date.now() - cached.at < this.setsCacheMs) return cached.sets;
    const rows = (await this.dataSource.query(
      `SELECT id, name, fields FROM lead_type_duplicate_sets WHERE lead_type_id = $1 ORDER BY id`,
      [leadTypeId],
    )) as Array<{ id: number; name: string; fields: string[] }>;
    const sets = rows.length ? rows.map((r) => ({ id: r.id, name: r.name, fields: r.fields })) : [...DEFAULT_DUPLICATE_SETS];
    if (this.setsCacheMs > 0) this.cache.set(leadTypeId, { at: Date.now(), sets });
    return sets;
  }

  /**
   * Serialises transactions on these keys until the caller's transaction ends. Must run inside a
   * transaction (outside one the lock would be released at once). Call it once with all keys of a
   * batch before the first `findDuplicate`: locks taken lead by lead could deadlock two batches.
   */
  async lock(manager: EntityManager, keys: readonly DuplicateKey[]): Promise<void> {
    const ids = [...new Set(keys.map(duplicateLockId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (ids.length === 0) return;
    // unnest yields in array order, so the locks are taken in the sorted order.
    await manager.query(`SELECT pg_advisory_xact_lock(k) FROM unnest($1::bigint[]) AS k`, [ids.map(String)]);
  }

  /**
   * The earliest lead of `leadTypeId` within the last `sinceDays` days that shares any key, or
   * undefined. Takes the keys' locks first (a no-op when `lock` already took them). `sinceDays`
   * <= 0 (or not a number) means no scan, as DupDayMax 0 does.
   */
  async findDuplicate(
    manager: EntityManager,
    leadTypeId: number,
    keys: readonly DuplicateKey[],
    sinceDays: number,
    excludeLeadId?: number,
  ): Promise<number | undefined> {
    if (keys.length === 0 || !Number.isFinite(sinceDays) || sinceDays <= 0) return undefined;
    await this.lock(manager, keys);
    const [row] = (await manager.query(
      `SELECT lead_id::text AS lead_id FROM lead_duplicate_keys
        WHERE lead_type_id = $1 AND key_hash = ANY($2::bytea[])
          AND created_at >= now() - $3::float8 * interval '1 day'
          AND ($4::bigint IS NULL OR lead_id <> $4::bigint)
        ORDER BY created_at, lead_id LIMIT 1`,
      [leadTypeId, keys.map((k) => k.hash), sinceDays, excludeLeadId ?? null],
    )) as Array<{ lead_id: string }>;
    return row ? Number(row.lead_id) : undefined;
  }

  /** Stores a lead's keys in the caller's transaction (the lead row must exist in it). */
  async record(manager: EntityManager, leadId: number, leadTypeId: number, keys: readonly DuplicateKey[]): Promise<void> {
    if (keys.length === 0) return;
    // Locked too: a concurrent scan for these keys then waits for this lead to commit.
    await this.lock(manager, keys);
    await manager.query(
      `INSERT INTO lead_duplicate_keys (lead_id, lead_type_id, set_id, key_hash)
       SELECT $1, $2, s, h FROM unnest($3::int[], $4::bytea[]) AS u(s, h)`,
      [leadId, leadTypeId, keys.map((k) => k.setId), keys.map((k) => k.hash)],
    );
  }
}
