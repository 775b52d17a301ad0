import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders, payments and distribution lists (Account API, seed 003). Owner: account-admin; the
 * scanner reads orders (room left on open orders) and distribution lists (clients assigned to a
 * lead field's value). Table meanings: libs/accounts/data-access/src/orders/README.md and
 * libs/accounts/data-access/src/distribution-lists/README.md.
 */
export class CreateOrdersAndDistributionLists1763901100000 implements MigrationInterface {
  name = 'CreateOrdersAndDistributionLists1763901100000';

  async up(q: QueryRunner): Promise<void> {
    // ---- orders ----
    await q.query(`
      CREATE TABLE orders (
        id           serial PRIMARY KEY,
        uid          uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        client_id    int NOT NULL REFERENCES clients(id),
        start_date   timestamptz NOT NULL,
        -- NULL: the order never ends by date
        end_date     timestamptz,
        status       text NOT NULL CHECK (status IN ('Closed', 'Open', 'OnHold', 'Filled', 'Pending', 'Paused')),
        renewal      text NOT NULL CHECK (renewal IN ('No_Renewal', 'On_End', 'On_Qty_Fill')),
        auto_charge  boolean NOT NULL DEFAULT false,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    // The scanner's question: a client's open orders whose date range covers now.
    await q.query(`CREATE INDEX orders_open_client_idx ON orders (client_id, start_date) WHERE status = 'Open'`);
    await q.query(`CREATE INDEX orders_client_idx ON orders (client_id, id)`);
    await q.query(`
      CREATE TABLE order_items (
        id                   serial PRIMARY KEY,
        order_id             int NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        -- NULL: any delivery account of the order's client
        delivery_account_id  int REFERENCES delivery_accounts(id),
        -- NULL: a dollar-based item (price is the budget, sent_price counts against it)
        qty                  int CHECK (qty >= 0),
        price                numeric(12,2) NOT NULL CHECK (price >= 0),
        constrain_quantity   boolean NOT NULL,
        -- written by distribution as leads are sold against the item
        sent_qty             int NOT NULL DEFAULT 0 CHECK (sent_qty >= 0),
        sent_price           numeric(12,2) NOT NULL DEFAULT 0,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_items_order_idx ON order_items (order_id)`);
    // Items that can still take a lead: the scanner joins open orders to this partial index only.
    await q.query(`
      CREATE INDEX order_items_room_idx ON order_items (order_id, delivery_account_id)
      WHERE NOT constrain_quantity OR (qty IS NOT NULL AND sent_qty < qty) OR (qty IS NULL AND sent_price < price)`);

    // ---- payments: provider tokens only, never card numbers ----
    await q.query(`
      CREATE TABLE client_payment_methods (
        id              serial PRIMARY KEY,
        client_id       int NOT NULL REFERENCES clients(id),
        provider        text NOT NULL,
        -- the provider's reference to a card it holds; a card number here is refused (check below)
        provider_token  text NOT NULL CHECK (provider_token !~ '^[0-9][0-9 -]{10,}[0-9]$'),
        card_brand      text,
        card_last4      text CHECK (card_last4 ~ '^[0-9]{4}$'),
        is_primary      boolean NOT NULL DEFAULT false,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX client_payment_methods_primary_idx ON client_payment_methods (client_id) WHERE is_primary`);
    await q.query(`
      CREATE TABLE order_payments (
        id                 serial PRIMARY KEY,
        uid                uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        client_id          int NOT NULL REFERENCES clients(id),
        -- NULL: not linked to an order (every run payment; logged payments sent with order 0)
        order_id           int REFERENCES orders(id),
        -- 'logged': recorded through the API (paid outside); 'run': charged through the provider
        source             text NOT NULL CHECK (source IN ('logged', 'run')),
        status             text NOT NULL CHECK (status IN ('logged', 'pending', 'approved', 'declined', 'error')),
        amount             numeric(12,2) NOT NULL,
        is_valid           boolean NOT NULL,
        response           text NOT NULL DEFAULT '',
        payment_method_id  int REFERENCES client_payment_methods(id) ON DELETE SET NULL,
        provider           text,
        provider_reference text,
        -- what was charged, for the masked CardNumber of the answer (never more than the last 4)
        card_last4         text CHECK (card_last4 ~ '^[0-9]{4}$'),
        -- the caller's Idempotency-Key of a run: a retried run answers the first result
        idempotency_key    text,
        ran_at             timestamptz NOT NULL DEFAULT now(),
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX order_payments_client_idx ON order_payments (client_id, id)`);
    await q.query(`CREATE INDEX order_payments_order_idx ON order_payments (order_id) WHERE order_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX order_payments_idempotency_idx ON order_payments (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);

    // ---- distribution lists ----
    await q.query(`
      CREATE TABLE distribution_lists (
        id                 serial PRIMARY KEY,
        uid                uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        lead_type_id       int NOT NULL REFERENCES lead_types(id) ON DELETE CASCADE,
        -- the lead field whose value selects the item (e.g. ZipCode); NULL once that field is deleted
        lead_field_id      int REFERENCES lead_type_fields(id) ON DELETE SET NULL,
        name               text NOT NULL,
        -- where a lead goes when its value matches no assigned item; NULL: nowhere
        default_client_id  int REFERENCES clients(id),
        status             smallint NOT NULL DEFAULT 1 CHECK (status IN (0, 1)),
        -- the list applies only to leads whose depend field equals depend_value (e.g. Country)
        depend_field_id    int REFERENCES lead_type_fields(id) ON DELETE SET NULL,
        depend_value       text NOT NULL DEFAULT '',
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX distribution_lists_lead_type_idx ON distribution_lists (lead_type_id) WHERE status = 1`);
    await q.query(`
      CREATE TABLE distribution_list_items (
        id           serial PRIMARY KEY,
        list_id      int NOT NULL REFERENCES distribution_lists(id) ON DELETE CASCADE,
        description  text NOT NULL DEFAULT '',
        tag1         text NOT NULL DEFAULT '',
        tag2         text NOT NULL DEFAULT '',
        value        text NOT NULL,
        -- what a lead's field value is matched by (case and surrounding spaces ignored)
        value_key    text GENERATED ALWAYS AS (lower(btrim(value))) STORED,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT distribution_list_items_value_uq UNIQUE (list_id, value_key)
      )`);
    await q.query(`
      CREATE TABLE distribution_list_assignments (
        item_id     int NOT NULL REFERENCES distribution_list_items(id) ON DELETE CASCADE,
        client_id   int NOT NULL REFERENCES clients(id),
        -- copied from the item so "a client's assignments in a list" needs no join
        list_id     int NOT NULL REFERENCES distribution_lists(id) ON DELETE CASCADE,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, client_id)
      )`);
    await q.query(`CREATE INDEX distribution_list_assignments_client_idx ON distribution_list_assignments (client_id, list_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS distribution_list_assignments`);
    await q.query(`DROP TABLE IF EXISTS distribution_list_items`);
    await q.query(`DROP TABLE IF EXISTS distribution_lists`);
    await q.query(`DROP TABLE IF EXISTS order_payments`);
    await q.query(`DROP TABLE IF EXISTS client_payment_methods`);
    await q.query(`DROP TABLE IF EXISTS order_items`);
    await q.query(`DROP TABLE IF EXISTS orders`);
  }
}
