import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account API lead sources and campaigns (seed 003 "Create or Modify Lead Source" / "... Lead
 * Source Campaign"): the source's contact profile and portal login, the campaign settings that had
 * no column yet, ids for campaign rules, and per-campaign screening integrations (seed 004
 * PureCallerID) whose API token is stored sealed (AES-256-GCM, see SecretBox), never in clear.
 */
export class AddLeadSourceProfileAndCampaignCompliance1763901300000 implements MigrationInterface {
  name = 'AddLeadSourceProfileAndCampaignCompliance1763901300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE lead_sources
        ADD COLUMN address             text NOT NULL DEFAULT '',
        ADD COLUMN address2            text NOT NULL DEFAULT '',
        ADD COLUMN city                text NOT NULL DEFAULT '',
        ADD COLUMN state               text NOT NULL DEFAULT '',
        ADD COLUMN zip                 text NOT NULL DEFAULT '',
        ADD COLUMN phone               text NOT NULL DEFAULT '',
        ADD COLUMN fax                 text NOT NULL DEFAULT '',
        ADD COLUMN email               text NOT NULL DEFAULT '',
        ADD COLUMN image_url           text NOT NULL DEFAULT '',
        -- seed DefaultReturnDay: the most days after which a return is still accepted
        ADD COLUMN default_return_day  int NOT NULL DEFAULT 0,
        -- argon2id (hashPassword); the portal password itself is never stored
        ADD COLUMN password_hash       text NULL,
        -- the seed's deprecated fields (ReturnString, SystemVendor, AdminUID...), kept to echo back
        ADD COLUMN legacy              jsonb NOT NULL DEFAULT '{}'`);
    // Usernames are unique regardless of case (the existing UNIQUE stays: it is implied by this one).
    await q.query(`CREATE UNIQUE INDEX lead_sources_username_lower_key ON lead_sources (lower(username))`);

    await q.query(`
      ALTER TABLE campaigns
        -- seed ReturnDayCount: days a return is allowed; countReturns: returns count toward caps
        ADD COLUMN return_day_count  int NOT NULL DEFAULT 0,
        ADD COLUMN count_returns     boolean NOT NULL DEFAULT false,
        -- the seed's deprecated fields (Flagged, OrderSystem, Validation...), kept to echo back
        ADD COLUMN legacy            jsonb NOT NULL DEFAULT '{}'`);
    // Seed VendorRuleUID: rules live in campaigns.rules (jsonb); each gets an id from here.
    await q.query(`CREATE SEQUENCE campaign_rule_id_seq`);

    await q.query(`
      CREATE TABLE campaign_compliance_integrations (
        id                    serial PRIMARY KEY,
        campaign_id           int NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        -- the provider: 'PureCallerID' (seed 004); more come later
        type                  text NOT NULL,
        enabled               boolean NOT NULL DEFAULT false,
        -- SecretBox.seal(token, 'compliance_integration:<campaign_id>'): never the plain token
        api_token_sealed      text NOT NULL,
        base_url              text NOT NULL,
        -- provider credentials that are not secret (PureCallerID campaignId, listName)
        settings              jsonb NOT NULL DEFAULT '{}',
        -- [{leadField, payloadField}]: lead field name -> JSON key of the provider payload
        field_mapping         jsonb NOT NULL DEFAULT '[]',
        timeout_ms            int NOT NULL DEFAULT 3000,
        -- when the provider fails or times out: 'pass_and_flag' | 'hold_for_qc'
        failure_policy        text NOT NULL DEFAULT 'pass_and_flag',
        -- 'parallel' | 'sequential' (sequential ones run in sort_order; a reject skips the rest)
        mode                  text NOT NULL DEFAULT 'sequential',
        sort_order            int NOT NULL DEFAULT 0,
        -- [{status, reasons, action}]: action 'Reject' | 'Flag' | 'Send to QC'
        rules                 jsonb NOT NULL DEFAULT '[]',
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaign_compliance_integrations_campaign_idx ON campaign_compliance_integrations (campaign_id, sort_order)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS campaign_compliance_integrations`);
    await q.query(`DROP SEQUENCE IF EXISTS campaign_rule_id_seq`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN legacy, DROP COLUMN count_returns, DROP COLUMN return_day_count`);
    await q.query(`DROP INDEX IF EXISTS lead_sources_username_lower_key`);
    await q.query(`
      ALTER TABLE lead_sources
        DROP COLUMN legacy, DROP COLUMN password_hash, DROP COLUMN default_return_day, DROP COLUMN image_url,
        DROP COLUMN email, DROP COLUMN fax, DROP COLUMN phone, DROP COLUMN zip, DROP COLUMN state,
        DROP COLUMN city, DROP COLUMN address2, DROP COLUMN address`);
  }
}
