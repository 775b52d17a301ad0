import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The receiver's request log (owner: receiver). Each Lead Receiver request with its per-lead
 * results: `GET /v2/status/{id}` reads it, and a retried request (same Idempotency-Key, or the same
 * source + payload with references within the replay window) is answered from it instead of
 * creating second leads.
 */
export class CreateIntakeRequests1763900200000 implements MigrationInterface {
  name = 'CreateIntakeRequests1763900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intake_requests (
        id               uuid PRIMARY KEY,
        lead_source_id   int NOT NULL REFERENCES lead_sources(id),
        endpoint         text NOT NULL,
        idempotency_key  text,
        -- SHA-256 of endpoint + raw body: tells a true retry from a key reused for another body
        payload_hash     bytea NOT NULL,
        has_references   boolean NOT NULL DEFAULT false,
        results          jsonb,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX intake_requests_idempotency_idx ON intake_requests (lead_source_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX intake_requests_payload_idx ON intake_requests (lead_source_id, payload_hash, created_at) WHERE has_references`);
    await q.query(`CREATE INDEX leads_request_idx ON leads (request_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS leads_request_idx`);
    await q.query(`DROP TABLE IF EXISTS intake_requests`);
  }
}
