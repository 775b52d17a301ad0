import { DataSource, EntityManager } from 'typeorm';
import {
  applyPaging,
  OrderRefusal,
  OrderRenewalName,
  OrderStatusName,
  orderDateRangeError,
  orderTotals,
  parseSeedDate,
  repeatedItemIds,
  seedDateTime,
} from '@leadx/accounts-domain';
import { ConfigChanges } from '../config-changes';

/** One item of PUT /v1/orders. Qty null: a dollar-based item. ClientAccountUID 0/absent: any account. */
export interface OrderItemInput {
  ClientOrderItemUID: number;
  ClientAccountUID?: number | null;
  Qty: number | null;
  ConstrainQuantity: boolean;
  Price: number;
}

/** PUT /v1/orders: ClientOrderUID 0 creates; otherwise the order is replaced by this state. */
export interface OrderInput {
  ClientOrderUID: number;
  ClientUID: number;
  StartDate: string;
  EndDate?: string | null;
  Status: OrderStatusName;
  Renewal: OrderRenewalName;
  AutoCharge: boolean;
  Items: OrderItemInput[];
}

/** POST /v1/orders filters (all optional but paging). */
export interface OrderQuery {
  OrderUID?: number | null;
  OrderStatusFilter?: OrderStatusName | null;
  ClientUID?: number | null;
  StartDate?: string | null;
  Skip?: number;
  Take?: number;
}

export interface OrderItemView {
  ClientOrderItemUID: number;
  ClientAccountUID: number | null;
  Qty: number | null;
  SentQty: number;
  ConstrainQuantity: boolean;
  Price: number;
  SentPrice: number;
}

export interface OrderView {
  ClientOrderUID: number;
  ClientUID: number;
  StartDate: string;
  EndDate: string | null;
  Qty: number | null;
  SentQty: number;
  PriceTotal: number;
  SentPriceTotal: number;
  Status: OrderStatusName;
  Renewal: OrderRenewalName;
  AutoCharge: boolean;
  Items: OrderItemView[];
}

export interface OrderPage {
  QueryTotal: number;
  Count: number;
  Skip: number;
  Take: number;
  Orders: OrderView[];
}

interface OrderRow {
  id: number;
  client_id: number;
  start_date: Date;
  end_date: Date | null;
  status: OrderStatusName;
  renewal: OrderRenewalName;
  auto_charge: boolean;
}

interface ItemRow {
  id: number;
  order_id: number;
  delivery_account_id: number | null;
  qty: number | null;
  constrain_quantity: boolean;
  price: number;
  sent_qty: number;
  sent_price: number;
}

/** Client orders and their items (seed 003 "Create or Modify Order", "Retrieve Order Details or List"). */
export class OrdersService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ConfigChanges,
  ) {}

  /** Creates (ClientOrderUID 0) or replaces an order; answers its id. Items left out are removed. */
  async save(input: OrderInput): Promise<number> {
    const start = parseSeedDate(input.StartDate);
    if (!start) throw new OrderRefusal('invalid', 'StartDate must be a date (YYYY-MM-DDTHH:MM:SSZ)', 'StartDate');
    const end = input.EndDate ? parseSeedDate(input.EndDate) : null;
    if (end === undefined) throw new OrderRefusal('invalid', 'EndDate must be a date (YYYY-MM-DDTHH:MM:SSZ) or null', 'EndDate');
    const dateError = orderDateRangeError(start, end);
    if (dateError) throw new OrderRefusal('invalid', dateError, 'EndDate');
    const repeated = repeatedItemIds(input.Items.map((i) => i.ClientOrderItemUID));
    if (repeated.length > 0) throw new OrderRefusal('invalid', `Items repeats ClientOrderItemUID ${repeated.join(', ')}`, 'Items');

    return this.ds.transaction(async (m) => {
      if (!(await exists(m, 'SELECT 1 FROM clients WHERE id = $1', [input.ClientUID]))) throw OrderRefusal.notFound('client', input.ClientUID);
      await this.requireDeliveryAccounts(m, input);

      const values = [input.ClientUID, start, end, input.Status, input.Renewal, input.AutoCharge];
      let orderId = input.ClientOrderUID;
      if (orderId === 0) {
        const [row] = await m.query(
          `INSERT INTO orders (client_id, start_date, end_date, status, renewal, auto_charge) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          values,
        );
        orderId = row.id;
      } else {
        const [row] = await m.query(
          `WITH u AS (
             UPDATE orders SET client_id = $1, start_date = $2, end_date = $3, status = $4, renewal = $5, auto_charge = $6, updated_at = now()
             WHERE id = $7 RETURNING id)
           SELECT id FROM u`,
          [...values, orderId],
        );
        if (!row) throw OrderRefusal.notFound('order', orderId);
      }
      await this.saveItems(m, orderId, input.Items);
      await this.changes.record(m, 'order', orderId);
      return orderId;
    });
  }

  /** One order (OrderUID) or a filtered page of orders, oldest first. */
  async query(q: OrderQuery): Promise<OrderPage> {
    const { skip, take } = applyPaging(q.Skip, q.Take);
    const orderId = q.OrderUID || null;
    const clientId = q.ClientUID || null;
    if (orderId !== null && !(await exists(this.ds.manager, 'SELECT 1 FROM orders WHERE id = $1', [orderId]))) throw OrderRefusal.notFound('order', orderId);
    if (clientId !== null && !(await exists(this.ds.manager, 'SELECT 1 FROM clients WHERE id = $1', [clientId]))) throw OrderRefusal.notFound('client', clientId);

    const where = `($1::int IS NULL OR o.id = $1) AND ($2::text IS NULL OR o.status = $2) AND ($3::int IS NULL OR o.client_id = $3)
      AND ($4::timestamptz IS NULL OR o.start_date >= $4)`;
    const minStart = q.StartDate ? parseSeedDate(q.StartDate) : null;
    if (minStart === undefined) throw new OrderRefusal('invalid', 'StartDate must be a date (YYYY-MM-DDTHH:MM:SSZ)', 'StartDate');
    const params = [orderId, q.OrderStatusFilter ?? null, clientId, minStart];
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM orders o WHERE ${where}`, params);
    const orders: OrderRow[] = await this.ds.query(
      `SELECT o.id, o.client_id, o.start_date, o.end_date, o.status, o.renewal, o.auto_charge
       FROM orders o WHERE ${where} ORDER BY o.id LIMIT $5 OFFSET $6`,
      [...params, take, skip],
    );
    const items: ItemRow[] = orders.length
      ? await this.ds.query(
          `SELECT id, order_id, delivery_account_id, qty, constrain_quantity, price::float8 AS price, sent_qty, sent_price::float8 AS sent_price
           FROM order_items WHERE order_id = ANY($1) ORDER BY id`,
          [orders.map((o) => o.id)],
        )
      : [];
    const Orders = orders.map((o) => orderView(o, items.filter((i) => i.order_id === o.id)));
    return { QueryTotal: total, Count: Orders.length, Skip: skip, Take: take, Orders };
  }

  /** Every ClientAccountUID must be a delivery account of the order's client. */
  private async requireDeliveryAccounts(m: EntityManager, input: OrderInput): Promise<void> {
    const ids = [...new Set(input.Items.map((i) => i.ClientAccountUID ?? 0).filter((id) => id !== 0))];
    if (ids.length === 0) return;
    const rows: { id: number }[] = await m.query(`SELECT id FROM delivery_accounts WHERE id = ANY($1) AND client_id = $2`, [ids, input.ClientUID]);
    const missing = ids.find((id) => !rows.some((r) => r.id === id));
    if (missing !== undefined) throw OrderRefusal.notFound('delivery account', `${missing} of client ${input.ClientUID}`);
  }

  /** The items become exactly the body's: sent figures of kept items stay (only delivery writes them). */
  private async saveItems(m: EntityManager, orderId: number, items: OrderItemInput[]): Promise<void> {
    const existing: { id: number }[] = await m.query(`SELECT id FROM order_items WHERE order_id = $1`, [orderId]);
    const kept = items.map((i) => i.ClientOrderItemUID).filter((id) => id !== 0);
    const unknown = kept.find((id) => !existing.some((e) => e.id === id));
    if (unknown !== undefined) throw OrderRefusal.notFound('order item', `${unknown} of order ${orderId}`);
    await m.query(`DELETE FROM order_items WHERE order_id = $1 AND NOT (id = ANY($2::int[]))`, [orderId, kept]);
    for (const item of items) {
      const values = [item.ClientAccountUID || null, item.Qty, item.ConstrainQuantity, item.Price];
      if (item.ClientOrderItemUID === 0) {
        await m.query(`INSERT INTO order_items (order_id, delivery_account_id, qty, constrain_quantity, price) VALUES ($1, $2, $3, $4, $5)`, [orderId, ...values]);
      } else {
        await m.query(
          `UPDATE order_items SET delivery_account_id = $2, qty = $3, constrain_quantity = $4, price = $5, updated_at = now() WHERE id = $1`,
          [item.ClientOrderItemUID, ...values],
        );
      }
    }
  }
}

async function exists(m: EntityManager, sql: string, params: unknown[]): Promise<boolean> {
  return (await m.query(sql, params)).length > 0;
}

function orderView(o: OrderRow, items: ItemRow[]): OrderView {
  const totals = orderTotals(
    items.map((i) => ({ qty: i.qty, sentQty: i.sent_qty, price: i.price, sentPrice: i.sent_price, constrainQuantity: i.constrain_quantity })),
  );
  return {
    ClientOrderUID: o.id,
    ClientUID: o.client_id,
    StartDate: seedDateTime(o.start_date),
    EndDate: o.end_date ? seedDateTime(o.end_date) : null,
    Qty: totals.qty,
    SentQty: totals.sentQty,
    PriceTotal: totals.priceTotal,
    SentPriceTotal: totals.sentPriceTotal,
    Status: o.status,
    Renewal: o.renewal,
    AutoCharge: o.auto_charge,
    Items: items.map((i) => ({
      ClientOrderItemUID: i.id,
      ClientAccountUID: i.delivery_account_id,
      Qty: i.qty,
      SentQty: i.sent_qty,
      ConstrainQuantity: i.constrain_quantity,
      Price: i.price,
      SentPrice: i.sent_price,
    })),
  };
}
