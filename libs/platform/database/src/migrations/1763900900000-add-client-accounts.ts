import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account API clients (seed 003 "Clients"): the client record's portal and assignment columns,
 * client groups, operator-defined client fields with their values and past values, and the
 * history of status and group changes. Owner: account-admin. The scanner keeps reading
 * clients.status ('Active') and clients.time_zone (IANA); nothing existing changes meaning.
 */
export class AddClientAccounts1763900900000 implements MigrationInterface {
  name = 'AddClientAccounts1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_groups (
        id             serial PRIMARY KEY,
        description    text NOT NULL,
        display_order  int NOT NULL DEFAULT 0,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    // Groups are also addressed by name (PATCH /v1/clients/{id}/group), so names are unique.
    await q.query(`CREATE UNIQUE INDEX client_groups_description_ci_uq ON client_groups (lower(description))`);

    await q.query(`
      ALTER TABLE clients
        ADD COLUMN username          text,
        ADD COLUMN password_hash     text,
        ADD COLUMN user_uid          int,
        ADD COLUMN time_offset       int,
        ADD COLUMN time_zone_name    text,
        ADD COLUMN notes             text NOT NULL DEFAULT '',
        ADD COLUMN reseller_uid      int,
        ADD COLUMN group_id          int REFERENCES client_groups(id) ON DELETE SET NULL,
        ADD COLUMN override_reassign boolean NOT NULL DEFAULT false,
        ADD COLUMN automation_type   text NOT NULL DEFAULT 'Price',
        ADD COLUMN priority          int NOT NULL DEFAULT 0,
        ADD COLUMN date_added        timestamptz NOT NULL DEFAULT now()`);
    // Portal usernames are unique whatever their case ("Acme" and "acme" are one login).
    await q.query(`CREATE UNIQUE INDEX clients_username_ci_uq ON clients (lower(username)) WHERE username IS NOT NULL`);
    await q.query(`CREATE INDEX clients_group_idx ON clients (group_id) WHERE group_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE client_fields (
        id             serial PRIMARY KEY,
        descriptor     text NOT NULL,
        data_type      text NOT NULL DEFAULT 'Varchar',
        required       boolean NOT NULL DEFAULT false,
        status         boolean NOT NULL DEFAULT true,
        computed       boolean NOT NULL DEFAULT false,
        computed_expr  text NOT NULL DEFAULT '',
        enumerated     boolean NOT NULL DEFAULT false,
        validation     text NOT NULL DEFAULT '',
        invalid_chars  text NOT NULL DEFAULT '',
        format_error   text NOT NULL DEFAULT '',
        format_string  text NOT NULL DEFAULT '',
        special_bit    text NOT NULL DEFAULT 'NoSpecialBit',
        is_state       boolean NOT NULL DEFAULT false,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX client_fields_descriptor_ci_uq ON client_fields (lower(descriptor))`);
    await q.query(`
      CREATE TABLE client_field_enums (
        id               serial PRIMARY KEY,
        client_field_id  int NOT NULL REFERENCES client_fields(id) ON DELETE CASCADE,
        descriptor       text NOT NULL,
        priority         int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX client_field_enums_field_idx ON client_field_enums (client_field_id)`);
    await q.query(`
      CREATE TABLE client_field_values (
        client_id        int NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        client_field_id  int NOT NULL REFERENCES client_fields(id) ON DELETE CASCADE,
        value            text NOT NULL,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, client_field_id)
      )`);
    // A value that was replaced: GET /v1/clients/fields/{id} answers them as PastValues.
    await q.query(`
      CREATE TABLE client_field_value_history (
        id               bigserial PRIMARY KEY,
        client_id        int NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        client_field_id  int NOT NULL REFERENCES client_fields(id) ON DELETE CASCADE,
        value            text NOT NULL,
        changed_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_field_value_history_idx ON client_field_value_history (client_id, client_field_id, changed_at DESC, id DESC)`);

    // Who changed a client's status or group, and when (changed_by: the Account API client id).
    await q.query(`
      CREATE TABLE client_status_history (
        id          bigserial PRIMARY KEY,
        client_id   int NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        old_status  text,
        new_status  text NOT NULL,
        changed_by  text,
        changed_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_status_history_client_idx ON client_status_history (client_id, changed_at DESC)`);
    await q.query(`
      CREATE TABLE client_group_history (
        id            bigserial PRIMARY KEY,
        client_id     int NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        old_group_id  int,
        new_group_id  int,
        changed_by    text,
        changed_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_group_history_client_idx ON client_group_history (client_id, changed_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['client_group_history', 'client_status_history', 'client_field_value_history', 'client_field_values', 'client_field_enums', 'client_fields']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP INDEX IF EXISTS clients_group_idx`);
    await q.query(`DROP INDEX IF EXISTS clients_username_ci_uq`);
    await q.query(`
      ALTER TABLE clients
        DROP COLUMN date_added, DROP COLUMN priority, DROP COLUMN automation_type, DROP COLUMN override_reassign,
        DROP COLUMN group_id, DROP COLUMN reseller_uid, DROP COLUMN notes, DROP COLUMN time_zone_name,
        DROP COLUMN time_offset, DROP COLUMN user_uid, DROP COLUMN password_hash, DROP COLUMN username`);
    await q.query(`DROP TABLE IF EXISTS client_groups`);
  }
}
