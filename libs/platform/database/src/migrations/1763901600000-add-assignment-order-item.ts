import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owner: scanner. The order item a delivery assignment was counted against (useOrder accounts),
 * so a delivery that did not take the lead gives its quantity back to that very item; and the
 * deliveries held by an account's DeliveryDelay (survive restarts, like scheduled_distributions).
 */
export class AddAssignmentOrderItem1763901600000 implements MigrationInterface {
  name = 'AddAssignmentOrderItem1763901600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_assignments ADD COLUMN order_item_id int REFERENCES order_items(id) ON DELETE SET NULL`);
    // Maxes rebuild their Redis counters from an account's recent assignments.
    await q.query(`CREATE INDEX delivery_assignments_account_created_idx ON delivery_assignments (delivery_account_id, created_at)`);
    await q.query(`
      CREATE TABLE scheduled_deliveries (
        assignment_id   bigint PRIMARY KEY REFERENCES delivery_assignments(id),
        due_at          timestamptz NOT NULL,
        correlation_id  text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scheduled_deliveries_due_idx ON scheduled_deliveries (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS scheduled_deliveries`);
    await q.query(`DROP INDEX IF EXISTS delivery_assignments_account_created_idx`);
    await q.query(`ALTER TABLE delivery_assignments DROP COLUMN order_item_id`);
  }
}
