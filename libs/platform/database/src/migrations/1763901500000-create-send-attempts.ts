import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every delivery attempt of a send (seed 003 delivery log): the request as sent, the answer, how
 * long it took and what the buyer quoted. `sends` keeps one row per lead and account (the claim
 * that makes delivery exactly-once); retries and the alternate method are its attempts.
 * Owner: delivery-worker.
 */
export class CreateSendAttempts1763901500000 implements MigrationInterface {
  name = 'CreateSendAttempts1763901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE send_attempts (
        id                  bigserial PRIMARY KEY,
        send_id             bigint NOT NULL REFERENCES sends(id) ON DELETE CASCADE,
        attempt             int NOT NULL,
        -- the delivery_methods row used (NULL: the account's legacy projection)
        delivery_method_id  int,
        method              text NOT NULL,
        request_url         text,
        request_body        text,
        response_status     int,
        response_body       text,
        error               text,
        duration_ms         int,
        price               numeric(12,2),
        redirect_url        text,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX send_attempts_send_idx ON send_attempts (send_id, attempt)`);
    // The seed's redirect confirmation and notes are facts of the send itself.
    await q.query(`ALTER TABLE sends ADD COLUMN redirect_url text, ADD COLUMN notes text, ADD COLUMN confirmed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sends DROP COLUMN confirmed_at, DROP COLUMN notes, DROP COLUMN redirect_url`);
    await q.query(`DROP TABLE send_attempts`);
  }
}
