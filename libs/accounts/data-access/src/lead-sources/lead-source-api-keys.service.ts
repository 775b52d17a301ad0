import { DataSource } from 'typeorm';
import { generateApiKey } from '@leadx/catalog-data-access';
import { ConfigChanges } from '../config-changes';
import { LeadSourcesError } from './lead-sources.errors';
import { assertLeadSourceExists } from './lead-sources.service';

/** An api-key as operators see it: never the key or its hash. */
export interface LeadSourceApiKeyView {
  ApiKeyUID: number;
  LeadSourceUID: number;
  Prefix: string;
  Label: string | null;
  CreatedAt: string;
  RevokedAt: string | null;
}

/** Answered once, when the key is created: the only time the plain key exists outside the caller. */
export interface CreatedLeadSourceApiKey extends LeadSourceApiKeyView {
  Key: string;
}

interface ApiKeyRow {
  id: number;
  lead_source_id: number;
  prefix: string;
  label: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

function view(r: ApiKeyRow): LeadSourceApiKeyView {
  return {
    ApiKeyUID: r.id,
    LeadSourceUID: r.lead_source_id,
    Prefix: r.prefix,
    Label: r.label,
    CreatedAt: r.created_at.toISOString(),
    RevokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

/**
 * Lead-source api-keys for the V2 lead receiver (seed 000 "API Key Settings": generated on the
 * lead source, usable with each of its campaigns). Only the SHA-256 of a key is stored; the
 * receiver caches lookups briefly and drops the cache on the 'api_key' config change.
 */
export class LeadSourceApiKeysService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  async create(leadSourceId: number, label: string | null): Promise<CreatedLeadSourceApiKey> {
    const { key, prefix, hash } = generateApiKey();
    return this.ds.transaction(async (m) => {
      await assertLeadSourceExists(m, leadSourceId);
      const [row] = (await m.query(
        `INSERT INTO lead_source_api_keys (lead_source_id, prefix, key_hash, label) VALUES ($1, $2, $3, $4)
         RETURNING id, lead_source_id, prefix, label, created_at, revoked_at`,
        [leadSourceId, prefix, hash, label],
      )) as ApiKeyRow[];
      await this.changes.record(m, 'api_key', row.id);
      return { ...view(row), Key: key };
    });
  }

  /** All keys of the source, revoked ones included (with RevokedAt), oldest first. */
  async list(leadSourceId: number): Promise<LeadSourceApiKeyView[]> {
    await assertLeadSourceExists(this.ds, leadSourceId);
    const rows = (await this.ds.query(
      `SELECT id, lead_source_id, prefix, label, created_at, revoked_at FROM lead_source_api_keys WHERE lead_source_id = $1 ORDER BY id`,
      [leadSourceId],
    )) as ApiKeyRow[];
    return rows.map(view);
  }

  /** Revokes an active key of the source; a revoked, unknown or other source's key is not found. */
  async revoke(leadSourceId: number, apiKeyId: number): Promise<void> {
    await this.ds.transaction(async (m) => {
      const rows = (await m.query(
        `WITH u AS (UPDATE lead_source_api_keys SET revoked_at = now() WHERE id = $1 AND lead_source_id = $2 AND revoked_at IS NULL RETURNING id) SELECT id FROM u`,
        [apiKeyId, leadSourceId],
      )) as unknown[];
      if (!rows.length) throw LeadSourcesError.notFound(`active api key ${apiKeyId} of lead source`, leadSourceId);
      await this.changes.record(m, 'api_key', apiKeyId, 'deleted');
    });
  }
}
