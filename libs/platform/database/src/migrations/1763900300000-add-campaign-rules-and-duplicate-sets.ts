import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign intake settings of seed 003 "Lead Source Campaign Details" (caps, duplicate window,
 * pricing, rules) and the lead type's duplicate sets with the keys recorded per stored lead.
 * Caps: NULL (and any value <= 0) means "no max", see CampaignCapCounter.
 */
export class AddCampaignRulesAndDuplicateSets1763900300000 implements MigrationInterface {
  name = 'AddCampaignRulesAndDuplicateSets1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE campaigns
        ADD COLUMN hour_max                  int NULL,
        ADD COLUMN day_max                   int NULL,
        ADD COLUMN month_max                 int NULL,
        ADD COLUMN dup_day_max               int NOT NULL DEFAULT 0,
        ADD COLUMN use_qc_bin                boolean NOT NULL DEFAULT false,
        ADD COLUMN append_city_state         boolean NOT NULL DEFAULT false,
        ADD COLUMN allow_send_response       boolean NOT NULL DEFAULT false,
        ADD COLUMN use_delivery_queue        boolean NOT NULL DEFAULT true,
        ADD COLUMN revenue_share_percentage  numeric(6,3) NULL,
        ADD COLUMN revenue_share_flat_rate   numeric(12,2) NULL,
        ADD COLUMN rules                     jsonb NOT NULL DEFAULT '[]',
        -- DayMax and MonthMax count calendar days and months in this zone
        ADD COLUMN time_zone                 text NOT NULL DEFAULT 'America/New_York',
        -- seed 003 Channel: Web = 0, PING/POST = 1, Phone = 2, Chat = 3
        ADD COLUMN channel                   int NOT NULL DEFAULT 0`);
    // allowSendResponse lived in the settings bag until it got its column: carry it over.
    await q.query(`
      UPDATE campaigns
         SET allow_send_response = COALESCE((settings->>'allowSendResponse')::boolean, false),
             settings = settings - 'allowSendResponse'
       WHERE settings ? 'allowSendResponse'`);

    await q.query(`
      CREATE TABLE lead_type_duplicate_sets (
        id            serial PRIMARY KEY,
        lead_type_id  int NOT NULL REFERENCES lead_types(id) ON DELETE CASCADE,
        name          text NOT NULL,
        -- lead field names; a lead matches the set when all of them are equal (normalised)
        fields        text[] NOT NULL CHECK (cardinality(fields) > 0),
        UNIQUE (lead_type_id, name)
      )`);
    await q.query(`
      CREATE TABLE lead_duplicate_keys (
        lead_id       bigint NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        lead_type_id  int NOT NULL,
        -- NULL for the built-in default sets a lead type without sets falls back to
        set_id        int NULL,
        -- SHA-256 of the set's field names and the lead's normalised values
        key_hash      bytea NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // The duplicate scan: "any lead of this lead type with this key hash since T".
    await q.query(`CREATE INDEX lead_duplicate_keys_lookup_idx ON lead_duplicate_keys (lead_type_id, key_hash, created_at)`);
    await q.query(`CREATE INDEX lead_duplicate_keys_lead_idx ON lead_duplicate_keys (lead_id)`);
    // Cap counters are rebuilt from this after a Redis loss: leads of one campaign in a window.
    await q.query(`CREATE INDEX leads_campaign_created_idx ON leads (campaign_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS leads_campaign_created_idx`);
    await q.query(`DROP TABLE IF EXISTS lead_duplicate_keys`);
    await q.query(`DROP TABLE IF EXISTS lead_type_duplicate_sets`);
    await q.query(`
      UPDATE campaigns SET settings = settings || jsonb_build_object('allowSendResponse', true)
       WHERE allow_send_response`);
    await q.query(`
      ALTER TABLE campaigns
        DROP COLUMN hour_max, DROP COLUMN day_max, DROP COLUMN month_max, DROP COLUMN dup_day_max,
        DROP COLUMN use_qc_bin, DROP COLUMN append_city_state, DROP COLUMN allow_send_response,
        DROP COLUMN use_delivery_queue, DROP COLUMN revenue_share_percentage,
        DROP COLUMN revenue_share_flat_rate, DROP COLUMN rules, DROP COLUMN time_zone, DROP COLUMN channel`);
  }
}
