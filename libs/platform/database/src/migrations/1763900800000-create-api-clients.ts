import { MigrationInterface, QueryRunner } from 'typeorm';

/** Account API OAuth2 clients (client_credentials). Owner: account-admin. */
export class CreateApiClients1763900800000 implements MigrationInterface {
  name = 'CreateApiClients1763900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_clients (
        id            serial PRIMARY KEY,
        client_id     uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        name          text NOT NULL,
        -- SHA-256 of the secret: secrets are 256-bit random, so there is no dictionary to attack and
        -- a fast hash keeps token issuance cheap (operator passwords use argon2id instead)
        secret_hash   bytea NOT NULL,
        secret_prefix text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        rotated_at    timestamptz,
        revoked_at    timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_clients`);
  }
}
