import { Client, ClientConfig, Notification } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { EventEnvelope } from '@leadx/contracts';
import { backoffDelay, BackoffOptions, sleep } from './backoff';
import { describeError } from './errors';
import { EventPublisher } from './event-publisher';
import { defaultLogger } from './logger';
import { messagingMetrics } from './metrics';
import { advisoryLockKey, OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  service: string;
  publisher: EventPublisher;
  /** Rows read and published per pass; default 100. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (missed while reconnecting, or from another tool); default 500 ms. */
  pollIntervalMs?: number;
  logger?: Logger;
  /** Test hook: called after rows are read and before publish; lets a test simulate a crash. */
  beforePublish?: (rows: number) => Promise<void>;
  /** How often a standby relay tries to become the active one; default 5 s. */
  lockRetryMs?: number;
  /** Backoff after a failed pass (Kafka or Postgres down); default 200 ms doubling to 10 s. */
  retry?: BackoffOptions;
}

interface OutboxRow {
  id: string;
  topic: string;
  envelope: EventEnvelope;
  headers: Record<string, string> | null;
}

/**
 * Publishes a service's outbox rows to Kafka, oldest first.
 *
 * Guarantees and why:
 * - ONE active relay per service across all replicas: the relay holds a session-level
 *   `pg_try_advisory_lock` on a dedicated connection (outside the TypeORM pool). Two relays
 *   publishing the same rows concurrently could interleave and break per-key order. Standbys
 *   retry the lock every `lockRetryMs`; when the active process dies its session ends, Postgres
 *   releases the lock and a standby takes over.
 * - Every read and the `published_at` update run on that same locked session: if the session is
 *   lost the queries fail, so a relay that lost its lock cannot keep going on a stale belief.
 * - Rows are read in id order (one batch), published in that order (consecutive rows of one
 *   topic in one request, requests strictly sequential) and only THEN marked published. A crash
 *   between the outbox commit and the publish loses nothing: the rows stay unpublished and the
 *   next active relay publishes them.
 * - A crash after the publish and before the mark republishes those rows: delivery is
 *   at-least-once and consumers deduplicate on `eventId` (EventConsumer does, via
 *   processed_events). Duplicates of an ordered run are still in order once deduplicated.
 * - Publish errors never skip a row: the pass fails, the relay backs off and retries the same
 *   rows.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly lockRetryMs: number;
  private readonly lockKey: string;
  private session?: Client;
  private sessionBroken = false;
  private locked = false;
  private running = false;
  private loop?: Promise<void>;
  private stopSignal = new AbortController();
  private woken = false;
  private wake?: () => void;
  /** Serialises everything that uses the session (loop passes, publishPending, stop). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: OutboxRelayOptions) {
    this.logger = (opts.logger ?? defaultLogger()).child({ component: 'outbox-relay', outboxService: opts.service });
    this.batchSize = opts.batchSize ?? 100;
    this.pollIntervalMs = opts.pollIntervalMs ?? 500;
    this.lockRetryMs = opts.lockRetryMs ?? 5_000;
    this.lockKey = advisoryLockKey('leadx-outbox-relay', opts.service);
  }

  /** True while this instance holds the service's relay lock (is the active relay). */
  get isActive(): boolean {
    return this.locked && !this.sessionBroken;
  }

  /**
   * Opens the dedicated connection, LISTENs for commits, tries to become the active relay and
   * starts the publish loop (NOTIFY-driven, with a fallback poll). Rejects when Postgres is
   * unreachable at start.
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopSignal = new AbortController();
    try {
      await this.exclusive(async () => {
        await this.ensureSession();
        await this.tryLock();
      });
    } catch (err) {
      this.running = false;
      await this.exclusive(() => this.closeSession());
      throw err;
    }
    this.loop = this.run();
  }

  /**
   * Finishes the pass in flight, publishes what is pending once more (flush), then releases the
   * lock and the connection. Never rejects: a failed flush leaves the rows for the next relay.
   */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    this.stopSignal.abort();
    this.wakeUp();
    await this.loop;
    this.loop = undefined;
    if (wasRunning && this.isActive) {
      try {
        await this.publishPending();
      } catch (err) {
        this.logger.error({ err }, 'outbox flush at stop failed; rows stay unpublished for the next relay');
      }
    }
    await this.exclusive(() => this.closeSession());
  }

  /**
   * One pass: if this instance is (or can become) the active relay, publishes up to `batchSize`
   * unpublished rows in id order and marks them. Returns the rows published (0 when another relay
   * is active). Rejects when publishing or marking failed; nothing is skipped.
   */
  publishPending(): Promise<number> {
    return this.exclusive(() => this.pass());
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.exclusive(async () => {
          await this.ensureSession();
          if (!this.isActive && !(await this.tryLock())) return -1;
          return this.pass();
        });
        failures = 0;
        if (published < 0) await this.idle(this.lockRetryMs);
        else if (published < this.batchSize) await this.idle(this.pollIntervalMs);
        // a full batch: more rows are probably waiting, go again at once
      } catch (err) {
        failures += 1;
        const delay = backoffDelay(failures, { initialMs: 200, maxMs: 10_000, ...this.opts.retry });
        this.logger.warn({ err: describeError(err), failures, retryInMs: delay }, 'outbox relay pass failed; retrying');
        await sleep(delay, this.stopSignal.signal);
      }
    }
  }

  private async pass(): Promise<number> {
    await this.ensureSession();
    if (!this.isActive && !(await this.tryLock())) return 0;
    const session = this.session as Client;
    const { service } = this.opts;
    const { rows } = await session.query<OutboxRow>(
      `SELECT id, topic, envelope, headers FROM outbox
        WHERE service = $1 AND published_at IS NULL
        ORDER BY id LIMIT $2`,
      [service, this.batchSize],
    );
    if (rows.length === 0) {
      messagingMetrics.outboxPending().set({ service }, 0);
      return 0;
    }
    await this.opts.beforePublish?.(rows.length);
    let published = 0;
    // Consecutive rows of one topic go in one request; requests are strictly sequential, and
    // each run is marked as soon as Kafka acknowledged it (fewer republished rows on a crash).
    for (const run of consecutiveRuns(rows)) {
      await this.opts.publisher.publishEnvelopes(
        run[0].topic,
        run.map((r) => r.envelope),
        run.map((r) => r.headers ?? {}),
      );
      await session.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [run.map((r) => r.id)]);
      published += run.length;
      messagingMetrics.outboxPublished().inc({ service }, run.length);
    }
    await this.updatePendingGauge(session, rows.length);
    return published;
  }

  private async updatePendingGauge(session: Client, lastBatch: number): Promise<void> {
    const gauge = messagingMetrics.outboxPending();
    if (lastBatch < this.batchSize) {
      gauge.set({ service: this.opts.service }, 0);
      return;
    }
    // Only when there is a backlog; bounded so it stays cheap on a huge one.
    const { rows } = await session.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM outbox WHERE service = $1 AND published_at IS NULL LIMIT 100000) s`,
      [this.opts.service],
    );
    gauge.set({ service: this.opts.service }, Number(rows[0]?.n ?? 0));
  }

  private async tryLock(): Promise<boolean> {
    const session = this.session as Client;
    const { rows } = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.lockKey]);
    const locked = rows[0]?.locked === true;
    if (locked && !this.locked) this.logger.info('outbox relay is now the active relay for its service');
    this.locked = locked;
    return locked;
  }

  private async ensureSession(): Promise<void> {
    if (this.session && !this.sessionBroken) return;
    await this.closeSession();
    const client = new Client(this.clientConfig());
    const broken = (err?: Error) => {
      if (this.session !== client || this.sessionBroken) return;
      this.sessionBroken = true;
      if (this.locked) this.logger.warn({ err: err ? describeError(err) : undefined }, 'outbox relay lost its session (and its lock)');
      this.locked = false;
      this.wakeUp();
    };
    client.on('error', broken);
    client.on('end', () => broken());
    client.on('notification', (msg: Notification) => {
      // Standbys ignore commits (they would only retry the lock on every one); they poll the lock.
      if (msg.channel === OUTBOX_CHANNEL && msg.payload === this.opts.service && this.isActive) this.wakeUp();
    });
    this.session = client;
    this.sessionBroken = false;
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      await this.closeSession();
      throw err;
    }
  }

  private async closeSession(): Promise<void> {
    const client = this.session;
    if (!client) return;
    const hadLock = this.locked && !this.sessionBroken;
    this.session = undefined;
    this.locked = false;
    this.sessionBroken = false;
    try {
      // Ending the session releases the lock anyway; unlocking first is just explicit.
      if (hadLock) await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.lockKey]);
    } catch {
      // the session is going away regardless
    }
    await client.end().catch(() => undefined);
  }

  private clientConfig(): ClientConfig {
    const o = this.opts.dataSource.options;
    if (o.type !== 'postgres') throw new Error(`OutboxRelay needs a postgres DataSource, got ${o.type}`);
    const pgo = o as PostgresConnectionOptions;
    const config: ClientConfig = {
      application_name: `${pgo.applicationName ?? 'leadx'}-outbox-relay`,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
    };
    if (pgo.url) config.connectionString = pgo.url;
    if (pgo.host) config.host = pgo.host;
    if (pgo.port) config.port = pgo.port;
    if (pgo.username) config.user = pgo.username;
    if (typeof pgo.password === 'string') config.password = pgo.password;
    if (pgo.database) config.database = pgo.database;
    // TypeORM's TlsOptions is what pg passes to tls.connect as well.
    if (pgo.ssl !== undefined) config.ssl = pgo.ssl as ClientConfig['ssl'];
    return config;
  }

  private wakeUp(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Waits `ms`, or less when a NOTIFY for this service arrives, the session breaks or stop() is called. */
  private async idle(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
    this.wake = undefined;
    this.woken = false;
  }
}

function consecutiveRuns(rows: OutboxRow[]): OutboxRow[][] {
  const runs: OutboxRow[][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0].topic === row.topic) last.push(row);
    else runs.push([row]);
  }
  return runs;
}
