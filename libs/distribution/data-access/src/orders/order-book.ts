import { EntityManager } from 'typeorm';

/** Where a useOrder account's lead was counted. */
export interface OrderSlot {
  orderId: number;
  itemId: number;
}

/** Room left on an item (libs/accounts/data-access/src/orders/README.md, `itemHasRoom`). */
const ROOM = `(NOT i.constrain_quantity OR (i.qty IS NOT NULL AND i.sent_qty < i.qty) OR (i.qty IS NULL AND i.sent_price < i.price))`;

/**
 * useOrder accounts take leads only against an open order item of their client: the order Open
 * and its date range covering now, the item for this account (or any account of the client) with
 * room left. A lead is counted on the item when its delivery is requested (row lock + the room
 * predicate re-checked in the UPDATE, so concurrent scans never overfill), and given back when
 * the delivery did not take the lead.
 *
 * Filled: an order none of whose items has room left becomes Filled; with renewal On_Qty_Fill a
 * copy (same items, counts at zero, same length) opens at once. On_End: an Open order past its
 * end date is Closed and renewed for the next period of the same length, checked when a scan
 * needs the client's orders.
 */
export class OrderBook {
  /** Counts one lead at `price` against the oldest fitting item; undefined when there is none. */
  async take(m: EntityManager, account: { id: number; clientId: number; price: number }): Promise<OrderSlot | undefined> {
    await this.renewEnded(m, account.clientId);
    const [slot] = (await m.query(
      `WITH pick AS (
         SELECT i.id FROM orders o JOIN order_items i ON i.order_id = o.id
          WHERE o.client_id = $1 AND o.status = 'Open' AND o.start_date <= now() AND (o.end_date IS NULL OR o.end_date > now())
            AND (i.delivery_account_id IS NULL OR i.delivery_account_id = $2) AND ${ROOM}
          ORDER BY i.delivery_account_id NULLS LAST, o.start_date, i.id LIMIT 1 FOR UPDATE OF i),
       taken AS (
         UPDATE order_items i SET sent_qty = i.sent_qty + 1, sent_price = i.sent_price + $3, updated_at = now()
           FROM pick WHERE i.id = pick.id AND ${ROOM} RETURNING i.id, i.order_id)
       SELECT id AS "itemId", order_id AS "orderId" FROM taken`,
      [account.clientId, account.id, account.price],
    )) as OrderSlot[];
    if (slot) await this.fillIfFull(m, slot.orderId);
    return slot;
  }

  /** The item `take` would count on, without counting (scans that do not send). */
  async peek(m: EntityManager, account: { id: number; clientId: number }): Promise<OrderSlot | undefined> {
    const [slot] = (await m.query(
      `SELECT i.id AS "itemId", o.id AS "orderId" FROM orders o JOIN order_items i ON i.order_id = o.id
        WHERE o.client_id = $1 AND o.status = 'Open' AND o.start_date <= now() AND (o.end_date IS NULL OR o.end_date > now())
          AND (i.delivery_account_id IS NULL OR i.delivery_account_id = $2) AND ${ROOM}
        ORDER BY i.delivery_account_id NULLS LAST, o.start_date, i.id LIMIT 1`,
      [account.clientId, account.id],
    )) as OrderSlot[];
    return slot;
  }

  /** Gives a lead back to its item (its delivery failed or was rejected). */
  async giveBack(m: EntityManager, itemId: number, price: number): Promise<void> {
    // A Filled order gets its room back and reopens, unless On_Qty_Fill already opened its successor.
    await m.query(
      `WITH item AS (
         UPDATE order_items SET sent_qty = greatest(sent_qty - 1, 0), sent_price = greatest(sent_price - $2, 0), updated_at = now()
          WHERE id = $1 RETURNING order_id)
       UPDATE orders SET status = 'Open', updated_at = now()
        WHERE id = (SELECT order_id FROM item) AND status = 'Filled' AND renewal <> 'On_Qty_Fill'`,
      [itemId, price],
    );
  }

  private async fillIfFull(m: EntityManager, orderId: number): Promise<void> {
    const filled = (await m.query(
      `WITH f AS (
         UPDATE orders o SET status = 'Filled', updated_at = now()
          WHERE o.id = $1 AND o.status = 'Open' AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND ${ROOM})
          RETURNING o.id, o.renewal)
       SELECT id, renewal FROM f`,
      [orderId],
    )) as Array<{ id: number; renewal: string }>;
    if (filled[0]?.renewal === 'On_Qty_Fill') await this.renew(m, orderId, `now()`);
  }

  private async renewEnded(m: EntityManager, clientId: number): Promise<void> {
    const ended = (await m.query(
      `WITH e AS (
         UPDATE orders SET status = 'Closed', updated_at = now()
          WHERE client_id = $1 AND status = 'Open' AND end_date IS NOT NULL AND end_date <= now()
          RETURNING id, renewal)
       SELECT id, renewal FROM e`,
      [clientId],
    )) as Array<{ id: number; renewal: string }>;
    for (const o of ended) if (o.renewal === 'On_End') await this.renew(m, o.id, `o.end_date`);
  }

  /** A copy of the order starting at `startSql`, with the same length and items, counts at zero. */
  private async renew(m: EntityManager, orderId: number, startSql: string): Promise<void> {
    const [copy] = (await m.query(
      `INSERT INTO orders (client_id, start_date, end_date, status, renewal, auto_charge)
       SELECT o.client_id, ${startSql}, ${startSql} + (o.end_date - o.start_date), 'Open', o.renewal, o.auto_charge
         FROM orders o WHERE o.id = $1 RETURNING id`,
      [orderId],
    )) as Array<{ id: number }>;
    await m.query(
      `INSERT INTO order_items (order_id, delivery_account_id, qty, price, constrain_quantity)
       SELECT $2, delivery_account_id, qty, price, constrain_quantity FROM order_items WHERE order_id = $1 ORDER BY id`,
      [orderId, copy.id],
    );
  }
}
