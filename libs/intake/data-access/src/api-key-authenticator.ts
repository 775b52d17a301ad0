import { DataSource } from 'typeorm';
import { hashApiKey } from '@leadx/catalog-data-access';

export interface AuthenticatedSource {
  leadSourceId: number;
  apiKeyId: number;
}

interface CacheEntry {
  value: AuthenticatedSource | null;
  expiresAt: number;
}

/**
 * Resolves an `api-key` header to its lead source. Keys are stored as SHA-256 hashes; the lookup
 * result (including "unknown") is cached in-process for a few seconds so a flood of requests with a
 * bad key does not become a flood of queries. A revoked key stops working within `ttlMs`.
 */
export class ApiKeyAuthenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  async authenticate(apiKey: string | undefined): Promise<AuthenticatedSource | null> {
    if (!apiKey || apiKey.length > 200) return null;
    const hash = hashApiKey(apiKey);
    const cacheKey = hash.toString('base64');
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && hit.expiresAt > now) return hit.value;
    const rows: Array<{ key_id: number; lead_source_id: number }> = await this.dataSource.query(
      `SELECT k.id AS key_id, k.lead_source_id
         FROM lead_source_api_keys k JOIN lead_sources s ON s.id = k.lead_source_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND s.status = 'Active'`,
      [hash],
    );
    const value = rows[0] ? { leadSourceId: rows[0].lead_source_id, apiKeyId: rows[0].key_id } : null;
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(cacheKey, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  forget(): void {
    this.cache.clear();
  }
}
