/** An order item's quantities as stored (qty null: a dollar-based item, price is its budget). */
export interface OrderItemAmounts {
  qty: number | null;
  sentQty: number;
  price: number;
  sentPrice: number;
  constrainQuantity: boolean;
}

/** The order-level figures of seed 003's order answer, computed from its items. */
export interface OrderTotals {
  qty: number | null;
  sentQty: number;
  priceTotal: number;
  sentPriceTotal: number;
}

const cents = (n: number): number => Math.round(n * 100) / 100;

/**
 * Order Qty is the sum of its items' quantities, null when every item is dollar-based (seed: "value
 * will be null for dollar based orders"); the price figures are the sums of the items' prices.
 */
export function orderTotals(items: readonly OrderItemAmounts[]): OrderTotals {
  const counted = items.filter((i) => i.qty !== null);
  return {
    qty: items.length > 0 && counted.length === 0 ? null : counted.reduce((s, i) => s + (i.qty as number), 0),
    sentQty: items.reduce((s, i) => s + i.sentQty, 0),
    priceTotal: cents(items.reduce((s, i) => s + i.price, 0)),
    sentPriceTotal: cents(items.reduce((s, i) => s + i.sentPrice, 0)),
  };
}

/**
 * Whether an item can take another lead: unconstrained items always can; constrained ones until
 * their quantity (or, dollar-based, their price) is used up. Same predicate as the
 * order_items_room_idx partial index the scanner's query uses.
 */
export function itemHasRoom(item: OrderItemAmounts): boolean {
  if (!item.constrainQuantity) return true;
  return item.qty !== null ? item.sentQty < item.qty : item.sentPrice < item.price;
}

/** A message when the order's dates cannot hold (EndDate before StartDate), else undefined. */
export function orderDateRangeError(start: Date, end: Date | null): string | undefined {
  if (end !== null && end.getTime() < start.getTime()) return 'EndDate must not be before StartDate';
  return undefined;
}

/** Item ids (non-zero) sent more than once in one order body. */
export function repeatedItemIds(ids: readonly number[]): number[] {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const id of ids) {
    if (id === 0) continue;
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return [...repeated];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads a seed date ('YYYY-MM-DDTHH:MM:SSZ', also date-only, with milliseconds or an offset). A
 * time without a zone is UTC, as the seed's format is, whatever the server's zone. Undefined for
 * anything else, including impossible dates (2021-02-30) and years outside 1900–9999.
 */
export function parseSeedDate(value: string): Date | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (year < 1900 || year > 9999 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  // Date rolls 2021-02-30 over to March: refuse instead.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${zone.toUpperCase()}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Seed 003's date format, 'YYYY-MM-DDTHH:MM:SSZ' (UTC, whole seconds). */
export function seedDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
