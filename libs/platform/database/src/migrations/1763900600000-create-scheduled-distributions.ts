import { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads whose distribution waits (source.sendDelay hours); owner: scanner. Survives restarts. */
export class CreateScheduledDistributions1763900600000 implements MigrationInterface {
  name = 'CreateScheduledDistributions1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scheduled_distributions (
        lead_id         bigint PRIMARY KEY REFERENCES leads(id),
        due_at          timestamptz NOT NULL,
        correlation_id  text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scheduled_distributions_due_idx ON scheduled_distributions (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS scheduled_distributions`);
  }
}
