import { Pool } from 'pg';
import { ApiClientStore } from '@leadx/accounts-data-access';
import { loadConfig } from '@leadx/platform-config';
import { allPlatformTopics, createKafka, ensureTopics } from '@leadx/platform-messaging';
import { RunningService } from '@leadx/platform-runtime';
import { callJson, JsonResponse, testEnv, uniqueSuffix } from '@leadx/platform-testing';
import { AccountAdminConfig } from '../src/config/account-admin.config';
import { startAccountAdmin } from '../src/start-account-admin';

export type ApiResponse<T = unknown> = JsonResponse<T>;

/** The Account API running in-process on the real infrastructure, with a valid bearer token. */
export interface AccountApiHarness {
  url: string;
  /** A pool on the test database, for setting up data and checking what the API wrote. */
  pool: Pool;
  service: RunningService;
  /** Topic prefix of this suite (config-change events land on `${prefix}accounts.config.changed.v1`). */
  prefix: string;
  clientId: string;
  clientSecret: string;
  token: string;
  /** Calls the API with the harness's token (pass `token: null` for none). JSON in, JSON (or text) out. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are whatever the endpoint answers; tests assert them
  call<T = any>(method: string, path: string, body?: unknown, opts?: { token?: string | null; headers?: Record<string, string>; raw?: string }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startAccountApi(env: Record<string, string> = {}): Promise<AccountApiHarness> {
  const prefix = `acct-${uniqueSuffix()}.`;
  await ensureTopics(createKafka({ brokers: testEnv.kafkaBrokers, clientId: 'acct-test' }), allPlatformTopics(prefix), { partitions: 1 });
  const config = loadConfig(AccountAdminConfig, {
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    KAFKA_BROKERS: testEnv.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: '4',
    ...env,
  });
  const service = await startAccountAdmin(config);
  const pool = new Pool({ connectionString: testEnv.databaseUrl, max: 3 });
  const credentials = await new ApiClientStore(service.infra.dataSource).create(`test ${prefix}`);
  const url = service.url;

  const call: AccountApiHarness['call'] = (method, path, body, opts = {}) => {
    const token = opts.token === undefined ? harness.token : opts.token;
    return callJson(url, method, path, body, { raw: opts.raw, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers } });
  };

  const harness: AccountApiHarness = {
    url,
    pool,
    service,
    prefix,
    clientId: credentials.client_id,
    clientSecret: credentials.client_secret,
    token: '',
    call,
    async close() {
      await service.close();
      await pool.end();
    },
  };
  const tokenRes = await call<{ access_token: string }>(
    'POST',
    '/v1/authorization/token',
    { client_id: credentials.client_id, client_secret: credentials.client_secret, grant_type: 'client_credentials' },
    { token: null },
  );
  if (tokenRes.status !== 200) throw new Error(`token request failed: ${tokenRes.status} ${JSON.stringify(tokenRes.body)}`);
  harness.token = tokenRes.body.access_token;
  return harness;
}
