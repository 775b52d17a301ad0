import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * First schema: what the thin slice needs, each table owned by one service (see
 * docs/architecture.md "Data ownership"). Later migrations extend it; never edit this one.
 */
export class CreatePlatformSchema1763900000000 implements MigrationInterface {
  name = 'CreatePlatformSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // ---- catalog (owner: account-admin; every service reads) ----
    await q.query(`
      CREATE TABLE lead_sources (
        id            serial PRIMARY KEY,
        uid           uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        name          text NOT NULL,
        username      text UNIQUE,
        status        text NOT NULL DEFAULT 'Active',
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE lead_source_api_keys (
        id              serial PRIMARY KEY,
        lead_source_id  int NOT NULL REFERENCES lead_sources(id) ON DELETE CASCADE,
        -- first characters of the key, shown to operators to tell keys apart
        prefix          text NOT NULL,
        -- SHA-256 of the whole key: keys are 256-bit random, so a fast hash is safe here and keeps
        -- authentication cheap on the hot path (a password hash would cost ms per request)
        key_hash        bytea NOT NULL UNIQUE,
        label           text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        revoked_at      timestamptz
      )`);
    await q.query(`
      CREATE TABLE lead_types (
        id          serial PRIMARY KEY,
        uid         uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE lead_type_fields (
        id            serial PRIMARY KEY,
        lead_type_id  int NOT NULL REFERENCES lead_types(id) ON DELETE CASCADE,
        name          text NOT NULL,
        data_type     text NOT NULL DEFAULT 'Text',
        required      boolean NOT NULL DEFAULT false,
        special_bit   text,
        settings      jsonb NOT NULL DEFAULT '{}',
        UNIQUE (lead_type_id, name)
      )`);
    await q.query(`
      CREATE TABLE campaigns (
        id              serial PRIMARY KEY,
        uid             uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        lead_source_id  int NOT NULL REFERENCES lead_sources(id),
        lead_type_id    int NOT NULL REFERENCES lead_types(id),
        name            text NOT NULL,
        status          text NOT NULL DEFAULT 'Active',
        lead_price      numeric(12,2) NOT NULL DEFAULT 0,
        max_sell        int NOT NULL DEFAULT 1,
        settings        jsonb NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX campaigns_source_type_idx ON campaigns (lead_source_id, lead_type_id)`);
    await q.query(`
      CREATE TABLE clients (
        id          serial PRIMARY KEY,
        uid         uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        name        text NOT NULL,
        status      text NOT NULL DEFAULT 'Active',
        time_zone   text NOT NULL DEFAULT 'America/New_York',
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE delivery_accounts (
        id              serial PRIMARY KEY,
        uid             uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        client_id       int NOT NULL REFERENCES clients(id),
        lead_type_id    int NOT NULL REFERENCES lead_types(id),
        name            text NOT NULL,
        status          text NOT NULL DEFAULT 'Open',
        account_type    text NOT NULL DEFAULT 'General',
        price           numeric(12,2) NOT NULL DEFAULT 0,
        priority        int NOT NULL DEFAULT 0,
        criteria        jsonb NOT NULL DEFAULT '[]',
        delivery_method jsonb NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX delivery_accounts_lead_type_idx ON delivery_accounts (lead_type_id) WHERE status = 'Open'`);

    // ---- intake (owner: receiver) ----
    await q.query(`
      CREATE TABLE leads (
        id                bigserial PRIMARY KEY,
        uid               uuid NOT NULL UNIQUE,
        request_id        uuid NOT NULL,
        lead_source_id    int NOT NULL REFERENCES lead_sources(id),
        campaign_id       int NOT NULL REFERENCES campaigns(id),
        lead_type_id      int NOT NULL REFERENCES lead_types(id),
        reference         text,
        fields            jsonb NOT NULL,
        status            text NOT NULL DEFAULT 'accepted',
        send_delay_hours  numeric(8,2) NOT NULL DEFAULT 0,
        no_sell           boolean NOT NULL DEFAULT false,
        pending_review    boolean NOT NULL DEFAULT false,
        price             numeric(12,2) NOT NULL DEFAULT 0,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX leads_source_reference_idx ON leads (lead_source_id, reference) WHERE reference IS NOT NULL`);

    // ---- messaging (every service: its own rows) ----
    await q.query(`
      CREATE TABLE outbox (
        id            bigserial PRIMARY KEY,
        service       text NOT NULL,
        topic         text NOT NULL,
        message_key   text NOT NULL,
        envelope      jsonb NOT NULL,
        headers       jsonb NOT NULL DEFAULT '{}',
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz
      )`);
    // The relay's query: oldest unpublished rows of one service, in id order.
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (service, id) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE processed_events (
        consumer_group  text NOT NULL,
        event_id        uuid NOT NULL,
        topic           text NOT NULL,
        processed_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);

    // ---- compliance (owner: compliance) ----
    await q.query(`
      CREATE TABLE compliance_results (
        id          bigserial PRIMARY KEY,
        lead_id     bigint NOT NULL UNIQUE REFERENCES leads(id),
        verdict     text NOT NULL,
        reasons     jsonb NOT NULL DEFAULT '[]',
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);

    // ---- distribution (owner: scanner) ----
    await q.query(`
      CREATE TABLE delivery_assignments (
        id                   bigserial PRIMARY KEY,
        lead_id              bigint NOT NULL REFERENCES leads(id),
        delivery_account_id  int NOT NULL REFERENCES delivery_accounts(id),
        status               text NOT NULL DEFAULT 'requested',
        price                numeric(12,2) NOT NULL DEFAULT 0,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        -- the heart of "never deliver a lead twice to the same account"
        UNIQUE (lead_id, delivery_account_id)
      )`);
    await q.query(`
      CREATE TABLE scan_logs (
        id                   bigserial PRIMARY KEY,
        lead_id              bigint NOT NULL REFERENCES leads(id),
        delivery_account_id  int REFERENCES delivery_accounts(id),
        passed               boolean NOT NULL,
        message              text NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX scan_logs_lead_idx ON scan_logs (lead_id)`);
    await q.query(`
      CREATE TABLE lead_dispositions (
        lead_id      bigint PRIMARY KEY REFERENCES leads(id),
        disposition  text NOT NULL,
        sales        int NOT NULL DEFAULT 0,
        revenue      numeric(12,2) NOT NULL DEFAULT 0,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);

    // ---- delivery (owner: delivery-worker) ----
    await q.query(`
      CREATE TABLE sends (
        id                   bigserial PRIMARY KEY,
        assignment_id        bigint NOT NULL UNIQUE REFERENCES delivery_assignments(id),
        lead_id              bigint NOT NULL REFERENCES leads(id),
        delivery_account_id  int NOT NULL REFERENCES delivery_accounts(id),
        status               text NOT NULL DEFAULT 'sending',
        method               text NOT NULL,
        request_url          text,
        request_body         text,
        response_status      int,
        response_body        text,
        duration_ms          int,
        price                numeric(12,2) NOT NULL DEFAULT 0,
        error                text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        completed_at         timestamptz,
        UNIQUE (lead_id, delivery_account_id)
      )`);
    await q.query(`CREATE INDEX sends_lead_idx ON sends (lead_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'sends', 'lead_dispositions', 'scan_logs', 'delivery_assignments', 'compliance_results',
      'processed_events', 'outbox', 'leads', 'delivery_accounts', 'clients', 'campaigns',
      'lead_type_fields', 'lead_types', 'lead_source_api_keys', 'lead_sources',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
