/** Runs one statement and answers its rows (a transaction's EntityManager, or an adapter of a pg client). */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** How a request is logged and recognised when a source retries it. */
export interface IntakeRequestContext {
  requestId?: string;
  /** e.g. 'general', 'update' */
  endpoint: string;
  /** The `Idempotency-Key` header, if sent. */
  idempotencyKey?: string;
  /** SHA-256 of endpoint + raw body. */
  payloadHash: Buffer;
}

/** A key reused for a different body: refusing is safer than guessing which one the source meant. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('Idempotency-Key was already used for a different request body');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Retries without an Idempotency-Key are recognised for this long (same source, body, references). */
export const REPLAY_WINDOW_MINUTES = 10;

export interface LoggedRequest<R> {
  requestId: string;
  results: R[];
}

/**
 * The receiver's request log (`intake_requests`), written in the caller's transaction together with
 * the request's effects, so a retried request finds either the first one's answer or none of it.
 */
export class IntakeRequestLog {
  /**
   * Logs the request, or returns the earlier one it repeats. With an Idempotency-Key the unique
   * index decides: a concurrent duplicate waits for the first transaction, then sees its row.
   * Without a key, a body whose leads all carry references is a retry when the same source sent it
   * within the replay window; an advisory lock on (source, body) serialises such twins.
   */
  async claim<R>(m: SqlRunner, leadSourceId: number, requestId: string, request: IntakeRequestContext, hasReferences: boolean): Promise<LoggedRequest<R> | undefined> {
    if (!request.idempotencyKey && hasReferences) {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, $2))`, [request.payloadHash.toString('hex'), leadSourceId]);
      const [twin] = (await m.query(
        `SELECT id, results FROM intake_requests
          WHERE lead_source_id = $1 AND payload_hash = $2 AND has_references AND results IS NOT NULL
            AND created_at > now() - make_interval(mins => $3) ORDER BY created_at DESC LIMIT 1`,
        [leadSourceId, request.payloadHash, REPLAY_WINDOW_MINUTES],
      )) as Array<{ id: string; results: R[] }>;
      if (twin) return { requestId: twin.id, results: twin.results };
    }
    // Without a key nothing can conflict: the row is written once, with its results, by complete().
    if (!request.idempotencyKey) return undefined;
    const inserted = (await m.query(
      `INSERT INTO intake_requests (id, lead_source_id, endpoint, idempotency_key, payload_hash, has_references)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (lead_source_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id`,
      [requestId, leadSourceId, request.endpoint, request.idempotencyKey ?? null, request.payloadHash, hasReferences],
    )) as unknown[];
    if (inserted.length) return undefined;
    const [first] = (await m.query(`SELECT id, endpoint, payload_hash, results FROM intake_requests WHERE lead_source_id = $1 AND idempotency_key = $2`, [
      leadSourceId,
      request.idempotencyKey,
    ])) as Array<{ id: string; endpoint: string; payload_hash: Buffer; results: R[] }>;
    if (!first.payload_hash.equals(request.payloadHash)) throw new IdempotencyKeyReusedError();
    return { requestId: first.id, results: first.results };
  }

  /**
   * The pieces of `claim` for a request WITHOUT an Idempotency-Key, for a caller that merges them
   * into its own statements (LeadIntakeService, to save round trips). `replayLock` is the advisory
   * lock's text key, or undefined when the request cannot be a retry (no key, not every lead has a
   * reference): lock it with `pg_advisory_xact_lock(hashtextextended(<replayLock>, <leadSourceId>))`
   * in one statement, then run `twinQuery` in a LATER statement (a statement's snapshot is taken
   * when it starts, so only a later one sees the twin that committed while we waited).
   */
  replayLock(request: IntakeRequestContext, hasReferences: boolean): string | undefined {
    return !request.idempotencyKey && hasReferences ? request.payloadHash.toString('hex') : undefined;
  }

  /** A scalar subquery: json {id, results} of the earlier request this one repeats, or NULL. `bind` adds a parameter. */
  twinQuery(bind: (value: unknown) => string, leadSourceId: number, request: IntakeRequestContext): string {
    return `(SELECT json_build_object('id', id, 'results', results) FROM intake_requests
              WHERE lead_source_id = ${bind(leadSourceId)} AND payload_hash = ${bind(request.payloadHash)} AND has_references AND results IS NOT NULL
                AND created_at > now() - make_interval(mins => ${bind(REPLAY_WINDOW_MINUTES)}) ORDER BY created_at DESC LIMIT 1)`;
  }

  /** `complete` as one data-modifying statement (for a CTE of the caller's statement). `bind` adds a parameter. */
  completion<R>(bind: (value: unknown) => string, leadSourceId: number, requestId: string, request: IntakeRequestContext, hasReferences: boolean, results: R[]): string {
    if (request.idempotencyKey) return `UPDATE intake_requests SET results = ${bind(JSON.stringify(results))} WHERE id = ${bind(requestId)}`;
    return `INSERT INTO intake_requests (id, lead_source_id, endpoint, payload_hash, has_references, results)
            VALUES (${bind(requestId)}, ${bind(leadSourceId)}, ${bind(request.endpoint)}, ${bind(request.payloadHash)}, ${bind(hasReferences)}, ${bind(JSON.stringify(results))})`;
  }

  /** Records the request's results (inserting the row when claim() did not). */
  async complete<R>(m: SqlRunner, leadSourceId: number, requestId: string, request: IntakeRequestContext, hasReferences: boolean, results: R[]): Promise<void> {
    if (request.idempotencyKey) {
      await m.query(`UPDATE intake_requests SET results = $2 WHERE id = $1`, [requestId, JSON.stringify(results)]);
      return;
    }
    await m.query(
      `INSERT INTO intake_requests (id, lead_source_id, endpoint, payload_hash, has_references, results) VALUES ($1, $2, $3, $4, $5, $6)`,
      [requestId, leadSourceId, request.endpoint, request.payloadHash, hasReferences, JSON.stringify(results)],
    );
  }
}
