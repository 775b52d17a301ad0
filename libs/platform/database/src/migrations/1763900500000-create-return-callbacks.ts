import { MigrationInterface, QueryRunner } from 'typeorm';

/** `source.returnURL` callbacks (owner: receiver): queued when a lead's processing completes. */
export class CreateReturnCallbacks1763900500000 implements MigrationInterface {
  name = 'CreateReturnCallbacks1763900500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE return_callbacks (
        id               bigserial PRIMARY KEY,
        lead_id          bigint NOT NULL UNIQUE REFERENCES leads(id),
        url              text NOT NULL,
        status           text NOT NULL DEFAULT 'pending',
        attempts         int NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_status      int,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz
      )`);
    await q.query(`CREATE INDEX return_callbacks_due_idx ON return_callbacks (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS return_callbacks`);
  }
}
