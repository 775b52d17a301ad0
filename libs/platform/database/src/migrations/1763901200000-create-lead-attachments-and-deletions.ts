import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account API lead operations (seed 003 "Leads"; owner: account-admin): attachments uploaded to a
 * lead, the queue of scheduled lead deletions, and what contact search needs on the receiver's
 * `leads` table (comparison functions and indexes on the seed's standard field names), plus an
 * index to find a lead's outbox events (lead events are keyed by lead id) for deletion and removal.
 */
export class CreateLeadAttachmentsAndDeletions1763901200000 implements MigrationInterface {
  name = 'CreateLeadAttachmentsAndDeletions1763901200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lead_attachments (
        id           bigserial PRIMARY KEY,
        lead_id      bigint NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        file_name    text NOT NULL,
        description  text NOT NULL DEFAULT '',
        size_bytes   int NOT NULL CHECK (size_bytes > 0),
        sha256       bytea NOT NULL,
        content      bytea NOT NULL,
        -- the Account API client that uploaded it
        uploaded_by  text,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lead_attachments_lead_idx ON lead_attachments (lead_id)`);

    // One row per lead waiting to be purged; the purge deletes the lead, and this row with it.
    await q.query(`
      CREATE TABLE lead_deletions (
        lead_id          bigint PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
        requested_at     timestamptz NOT NULL DEFAULT now(),
        requested_by     text,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        attempts         int NOT NULL DEFAULT 0,
        last_error       text
      )`);
    await q.query(`CREATE INDEX lead_deletions_due_idx ON lead_deletions (next_attempt_at)`);

    // Search comparisons, shared by the index expressions and the queries (see lead-search.ts). They
    // are length-bounded: lead values reach 32 KB and a btree entry holds about 2.7 KB, so an
    // unbounded expression would make the receiver's INSERT of such a lead fail.
    await q.query(`
      CREATE FUNCTION lead_search_email(v text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN left(lower(btrim(v)), 254)`);
    await q.query(`
      CREATE FUNCTION lead_search_phone(v text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN (SELECT left(CASE WHEN length(d) = 11 AND left(d, 1) = '1' THEN substr(d, 2) ELSE d END, 200)
                  FROM (SELECT regexp_replace(v, '[^0-9]', '', 'g') AS d) digits)`);
    await q.query(`
      CREATE FUNCTION lead_search_text(v text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN left(btrim(regexp_replace(lower(v), '[^a-z0-9]+', ' ', 'g')), 200)`);
    await q.query(`CREATE INDEX leads_search_email_idx ON leads (lead_type_id, lead_search_email(fields->>'Email'))`);
    await q.query(`CREATE INDEX leads_search_phone_idx ON leads (lead_type_id, lead_search_phone(fields->>'PrimaryPhone'))`);
    await q.query(`CREATE INDEX leads_search_address_idx ON leads (lead_type_id, lead_search_text(fields->>'Address'))`);

    await q.query(`CREATE INDEX outbox_message_key_idx ON outbox (message_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_message_key_idx`);
    await q.query(`DROP INDEX IF EXISTS leads_search_address_idx`);
    await q.query(`DROP INDEX IF EXISTS leads_search_phone_idx`);
    await q.query(`DROP INDEX IF EXISTS leads_search_email_idx`);
    await q.query(`DROP FUNCTION IF EXISTS lead_search_text(text)`);
    await q.query(`DROP FUNCTION IF EXISTS lead_search_phone(text)`);
    await q.query(`DROP FUNCTION IF EXISTS lead_search_email(text)`);
    await q.query(`DROP TABLE IF EXISTS lead_deletions`);
    await q.query(`DROP TABLE IF EXISTS lead_attachments`);
  }
}
