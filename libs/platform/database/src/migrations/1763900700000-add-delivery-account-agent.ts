import { MigrationInterface, QueryRunner } from 'typeorm';

/** Live-call accounts name the agent a transferred call reaches (seed 002 insert/transfer). */
export class AddDeliveryAccountAgent1763900700000 implements MigrationInterface {
  name = 'AddDeliveryAccountAgent1763900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_accounts ADD COLUMN agent_name text, ADD COLUMN agent_phone text, ADD COLUMN redirect_url text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_accounts DROP COLUMN redirect_url, DROP COLUMN agent_phone, DROP COLUMN agent_name`);
  }
}
