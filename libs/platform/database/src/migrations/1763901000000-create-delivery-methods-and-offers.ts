import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 003 delivery accounts in full and their delivery methods (field settings, value mappings,
 * delivery days), plus seed 000 client offers. Owner: account-admin. The delivery worker keeps
 * reading delivery_accounts.delivery_method, which account-admin rewrites from the account's method.
 */
export class CreateDeliveryMethodsAndOffers1763901000000 implements MigrationInterface {
  name = 'CreateDeliveryMethodsAndOffers1763901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_methods (
        id                    serial PRIMARY KEY,
        client_id             int NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        -- NULL: usable by accounts of any lead type
        lead_type_id          int REFERENCES lead_types(id) ON DELETE SET NULL,
        -- seed delivery_type name, e.g. 'HTTP POST', 'PING/POST'
        type                  text NOT NULL,
        name                  text NOT NULL,
        enabled               boolean NOT NULL DEFAULT true,
        in_testing            boolean NOT NULL DEFAULT false,
        template              text NOT NULL DEFAULT '',
        email_template        text NOT NULL DEFAULT '',
        email_subject         text NOT NULL DEFAULT '',
        ftp_user              text NOT NULL DEFAULT '',
        -- SecretBox.seal(password, 'delivery_method:<id>:ftp_password'): never the plain password
        ftp_password_sealed   text,
        ftp_path              text NOT NULL DEFAULT '',
        email_address         text NOT NULL DEFAULT '',
        use_regex             boolean NOT NULL DEFAULT false,
        response_search       text NOT NULL DEFAULT '',
        delivery_address      text NOT NULL DEFAULT '',
        smtp_server           text NOT NULL DEFAULT '',
        smtp_auth             boolean NOT NULL DEFAULT false,
        smtp_username         text NOT NULL DEFAULT '',
        smtp_password_sealed  text,
        from_address          text NOT NULL DEFAULT '',
        to_address            text NOT NULL DEFAULT '',
        email_notify          boolean NOT NULL DEFAULT false,
        notify_cc             text NOT NULL DEFAULT '',
        notify_bcc            text NOT NULL DEFAULT '',
        notify_email          text NOT NULL DEFAULT '',
        -- seed LeadCatUID (lead_categories is created by a later migration, so no FK here)
        lead_category_id      int,
        client_email          text NOT NULL DEFAULT '',
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX delivery_methods_client_idx ON delivery_methods (client_id)`);
    await q.query(`
      CREATE TABLE delivery_method_settings (
        id                  serial PRIMARY KEY,
        delivery_method_id  int NOT NULL REFERENCES delivery_methods(id) ON DELETE CASCADE,
        field_type          text NOT NULL,
        field_name          text NOT NULL,
        value               text NOT NULL DEFAULT '',
        lead_field_id       int REFERENCES lead_type_fields(id) ON DELETE SET NULL,
        format              text NOT NULL DEFAULT '',
        expr                text NOT NULL DEFAULT '',
        has_map             boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX delivery_method_settings_method_idx ON delivery_method_settings (delivery_method_id)`);
    await q.query(`
      CREATE TABLE delivery_method_mappings (
        id              serial PRIMARY KEY,
        setting_id      int NOT NULL REFERENCES delivery_method_settings(id) ON DELETE CASCADE,
        field_value     text NOT NULL,
        delivery_value  text NOT NULL
      )`);
    await q.query(`CREATE INDEX delivery_method_mappings_setting_idx ON delivery_method_mappings (setting_id)`);
    await q.query(`
      CREATE TABLE delivery_method_days (
        id                  serial PRIMARY KEY,
        delivery_method_id  int NOT NULL REFERENCES delivery_methods(id) ON DELETE CASCADE,
        -- 0 = Sunday ... 6 = Saturday; NULL for a static-date rule
        week_day            smallint CHECK (week_day BETWEEN 0 AND 6),
        static_date         date,
        -- the client's local clock times (clients.time_zone)
        start_time          time NOT NULL DEFAULT '00:00',
        end_time            time NOT NULL DEFAULT '23:59:59',
        allow               boolean NOT NULL DEFAULT true,
        CHECK (week_day IS NOT NULL OR static_date IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX delivery_method_days_method_idx ON delivery_method_days (delivery_method_id)`);
    await q.query(`
      ALTER TABLE delivery_accounts
        ADD COLUMN delivery_method_id            int REFERENCES delivery_methods(id) ON DELETE SET NULL,
        ADD COLUMN alternate_delivery_method_id  int REFERENCES delivery_methods(id) ON DELETE SET NULL,
        -- NULL: no maximum (the seed's -1)
        ADD COLUMN hour_max                      int CHECK (hour_max > 0),
        ADD COLUMN day_max                       int CHECK (day_max > 0),
        ADD COLUMN week_max                      int CHECK (week_max > 0),
        ADD COLUMN month_max                     int CHECK (month_max > 0),
        ADD COLUMN use_order                     boolean NOT NULL DEFAULT false,
        ADD COLUMN delivery_delay_seconds        int NOT NULL DEFAULT 0 CHECK (delivery_delay_seconds >= 0),
        ADD COLUMN automation_enabled            boolean NOT NULL DEFAULT true`);
    await q.query(`CREATE INDEX delivery_accounts_client_idx ON delivery_accounts (client_id)`);
    await q.query(`CREATE INDEX delivery_accounts_method_idx ON delivery_accounts (delivery_method_id)`);
    // ClientCriteriaUID of the criteria kept in delivery_accounts.criteria (jsonb, read by the scanner)
    await q.query(`CREATE SEQUENCE delivery_account_criteria_id_seq`);
    await q.query(`
      CREATE TABLE client_offers (
        id                         serial PRIMARY KEY,
        delivery_account_id        int NOT NULL REFERENCES delivery_accounts(id) ON DELETE CASCADE,
        offer_type                 text NOT NULL CHECK (offer_type IN ('Static', 'Dynamic')),
        enabled                    boolean NOT NULL DEFAULT true,
        position                   int NOT NULL DEFAULT 0,
        company_name               text NOT NULL DEFAULT '',
        company_phone              text NOT NULL DEFAULT '',
        name                       text NOT NULL DEFAULT '',
        description                text NOT NULL DEFAULT '',
        url                        text NOT NULL DEFAULT '',
        image_url                  text NOT NULL DEFAULT '',
        privacy_url                text NOT NULL DEFAULT '',
        terms_url                  text NOT NULL DEFAULT '',
        duration                   text NOT NULL DEFAULT 'Monthly',
        amount                     numeric(12,2) NOT NULL DEFAULT 0,
        tcpa_text                  text NOT NULL DEFAULT '',
        custom_tcpa_text_required  boolean NOT NULL DEFAULT false,
        -- dynamic offers: {ResponseFormat, OffersPath, Fields: {CompanyName: path, ...}}, stored, never evaluated here
        dynamic_mapping            jsonb,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        updated_at                 timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_offers_account_idx ON client_offers (delivery_account_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_offers`);
    await q.query(`DROP SEQUENCE delivery_account_criteria_id_seq`);
    await q.query(`DROP INDEX delivery_accounts_method_idx`);
    await q.query(`DROP INDEX delivery_accounts_client_idx`);
    await q.query(`
      ALTER TABLE delivery_accounts
        DROP COLUMN automation_enabled, DROP COLUMN delivery_delay_seconds, DROP COLUMN use_order,
        DROP COLUMN month_max, DROP COLUMN week_max, DROP COLUMN day_max, DROP COLUMN hour_max,
        DROP COLUMN alternate_delivery_method_id, DROP COLUMN delivery_method_id`);
    await q.query(`DROP TABLE delivery_method_days`);
    await q.query(`DROP TABLE delivery_method_mappings`);
    await q.query(`DROP TABLE delivery_method_settings`);
    await q.query(`DROP TABLE delivery_methods`);
  }
}
