import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

const SECRET_PREFIX = 'lxs_';

/** An Account API client as operators see it: never the secret or its hash. */
export interface ApiClientView {
  ClientId: string;
  Name: string;
  SecretPrefix: string;
  CreatedAt: string;
  RotatedAt: string | null;
  RevokedAt: string | null;
}

/** Returned once, when a client is created or its secret rotated. */
export interface ApiClientCredentials {
  client_id: string;
  client_secret: string;
}

interface ApiClientRow {
  id: number;
  client_id: string;
  name: string;
  secret_hash: Buffer;
  secret_prefix: string;
  created_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

function newSecret(): { secret: string; hash: Buffer; prefix: string } {
  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashSecret(secret), prefix: secret.slice(0, 10) };
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(row: ApiClientRow): ApiClientView {
  return {
    ClientId: row.client_id,
    Name: row.name,
    SecretPrefix: row.secret_prefix,
    CreatedAt: row.created_at.toISOString(),
    RotatedAt: row.rotated_at?.toISOString() ?? null,
    RevokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** The Account API's own OAuth2 clients: create, rotate, revoke, and check credentials. */
export class ApiClientStore {
  constructor(private readonly ds: DataSource) {}

  async create(name: string, manager: EntityManager = this.ds.manager): Promise<ApiClientCredentials> {
    const { secret, hash, prefix } = newSecret();
    const [row] = (await manager.query(
      `INSERT INTO api_clients (name, secret_hash, secret_prefix) VALUES ($1, $2, $3) RETURNING client_id`,
      [name, hash, prefix],
    )) as Array<{ client_id: string }>;
    return { client_id: row.client_id, client_secret: secret };
  }

  async list(): Promise<ApiClientView[]> {
    const rows = (await this.ds.query(`SELECT * FROM api_clients ORDER BY id`)) as ApiClientRow[];
    return rows.map(view);
  }

  /** A new secret for an active client; the old one stops working at once. Undefined if unknown or revoked. */
  async rotate(clientId: string): Promise<ApiClientCredentials | undefined> {
    if (!UUID.test(clientId)) return undefined;
    const { secret, hash, prefix } = newSecret();
    const rows = (await this.ds.query(
      `WITH u AS (UPDATE api_clients SET secret_hash = $2, secret_prefix = $3, rotated_at = now()
                  WHERE client_id = $1 AND revoked_at IS NULL RETURNING client_id) SELECT * FROM u`,
      [clientId, hash, prefix],
    )) as Array<{ client_id: string }>;
    return rows[0] ? { client_id: rows[0].client_id, client_secret: secret } : undefined;
  }

  /** True when the client existed and was active. */
  async revoke(clientId: string): Promise<boolean> {
    if (!UUID.test(clientId)) return false;
    const rows = (await this.ds.query(
      `WITH u AS (UPDATE api_clients SET revoked_at = now() WHERE client_id = $1 AND revoked_at IS NULL RETURNING id) SELECT * FROM u`,
      [clientId],
    )) as unknown[];
    return rows.length > 0;
  }

  async isActive(clientId: string): Promise<boolean> {
    if (!UUID.test(clientId)) return false;
    const rows = (await this.ds.query(`SELECT 1 FROM api_clients WHERE client_id = $1 AND revoked_at IS NULL`, [clientId])) as unknown[];
    return rows.length > 0;
  }

  /** The client id when the credentials are valid and the client active; compared in constant time. */
  async verify(clientId: unknown, clientSecret: unknown): Promise<string | undefined> {
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string' || !UUID.test(clientId) || clientSecret.length > 200) return undefined;
    const rows = (await this.ds.query(`SELECT secret_hash FROM api_clients WHERE client_id = $1 AND revoked_at IS NULL`, [clientId])) as Array<{
      secret_hash: Buffer;
    }>;
    const given = hashSecret(clientSecret);
    return rows[0] && timingSafeEqual(rows[0].secret_hash, given) ? clientId : undefined;
  }
}
