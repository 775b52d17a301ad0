import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 003 lead type properties (InQC, Status, TypeUID), lead field enumerations with their own
 * UIDs (settings.enums keeps the Descriptors the receiver reads), lead categories and the
 * campaign's category assignment. Owner: account-admin.
 */
export class AddLeadTypePropertiesAndCategories1763901400000 implements MigrationInterface {
  name = 'AddLeadTypePropertiesAndCategories1763901400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lead_types
        ADD COLUMN in_qc       boolean NOT NULL DEFAULT false,
        ADD COLUMN status      boolean NOT NULL DEFAULT true,
        -- seed TypeUID: the industry type
        ADD COLUMN type_uid    int NOT NULL DEFAULT 0,
        ADD COLUMN updated_at  timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      CREATE TABLE lead_type_field_enums (
        id                  serial PRIMARY KEY,
        lead_type_field_id  int NOT NULL REFERENCES lead_type_fields(id) ON DELETE CASCADE,
        descriptor          text NOT NULL,
        priority            int NOT NULL DEFAULT 0
      )`);
    // The receiver compares enumerations ignoring case: two spellings of one value are one value.
    await q.query(`CREATE UNIQUE INDEX lead_type_field_enums_value_idx ON lead_type_field_enums (lead_type_field_id, lower(descriptor))`);
    await q.query(`
      CREATE TABLE lead_categories (
        id            serial PRIMARY KEY,
        lead_type_id  int NOT NULL REFERENCES lead_types(id) ON DELETE CASCADE,
        name          text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lead_categories_lead_type_idx ON lead_categories (lead_type_id)`);
    await q.query(`ALTER TABLE campaigns ADD COLUMN category_id int NULL REFERENCES lead_categories(id) ON DELETE SET NULL`);
    // Deleting a category sets its campaigns' category_id to NULL: find them without a scan.
    await q.query(`CREATE INDEX campaigns_category_idx ON campaigns (category_id) WHERE category_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS campaigns_category_idx`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN IF EXISTS category_id`);
    await q.query(`DROP TABLE IF EXISTS lead_categories`);
    await q.query(`DROP TABLE IF EXISTS lead_type_field_enums`);
    await q.query(`
      ALTER TABLE lead_types
        DROP COLUMN IF EXISTS in_qc, DROP COLUMN IF EXISTS status,
        DROP COLUMN IF EXISTS type_uid, DROP COLUMN IF EXISTS updated_at`);
  }
}
