import { MigrationInterface, QueryRunner } from 'typeorm';

/** Call leads (seed 002 insert/calldata) carry call properties; any lead may carry a returnURL. */
export class AddLeadKindAndProperties1763900400000 implements MigrationInterface {
  name = 'AddLeadKindAndProperties1763900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads ADD COLUMN kind text NOT NULL DEFAULT 'general'`);
    await q.query(`ALTER TABLE leads ADD COLUMN properties jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE leads ADD COLUMN return_url text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leads DROP COLUMN return_url, DROP COLUMN properties, DROP COLUMN kind`);
  }
}
