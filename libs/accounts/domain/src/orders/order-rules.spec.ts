import { OrderRenewal, OrderStatus, OrderStatusFilter } from './order-enums';
import { itemHasRoom, orderDateRangeError, orderTotals, parseSeedDate, repeatedItemIds, seedDateTime } from './order-rules';

const item = (over: Partial<Parameters<typeof itemHasRoom>[0]> = {}) => ({ qty: 10, sentQty: 0, price: 100, sentPrice: 0, constrainQuantity: true, ...over });

describe('order enums', () => {
  it('numbers each section by its own list: Status by the create list, the filter by the query list', () => {
    expect(OrderStatus.parse(0)).toBe('Closed');
    expect(OrderStatus.parse(4)).toBe('Pending');
    expect(OrderStatusFilter.parse(0)).toBe('Pending');
    expect(OrderStatusFilter.parse(2)).toBe('Closed');
    expect(OrderStatus.parse('onhold')).toBe('OnHold');
    expect(OrderRenewal.parse('on_qty_fill')).toBe('On_Qty_Fill');
    expect(OrderStatus.parse('Done')).toBeUndefined();
  });
});

describe('orderTotals', () => {
  it('sums quantities and prices over the items, to the cent', () => {
    expect(orderTotals([item({ qty: 10, sentQty: 3, price: 0.1, sentPrice: 0.03 }), item({ qty: 5, sentQty: 1, price: 0.2, sentPrice: 0.01 })])).toEqual({
      qty: 15,
      sentQty: 4,
      priceTotal: 0.3,
      sentPriceTotal: 0.04,
    });
  });
  it('answers a null Qty for a dollar-based order, and counts only quantity items in a mixed one', () => {
    expect(orderTotals([item({ qty: null }), item({ qty: null })]).qty).toBeNull();
    expect(orderTotals([item({ qty: null }), item({ qty: 7 })]).qty).toBe(7);
    expect(orderTotals([]).qty).toBe(0);
  });
});

describe('itemHasRoom', () => {
  it('stops a constrained item at its quantity, or at its price when dollar-based', () => {
    expect(itemHasRoom(item({ qty: 2, sentQty: 1 }))).toBe(true);
    expect(itemHasRoom(item({ qty: 2, sentQty: 2 }))).toBe(false);
    expect(itemHasRoom(item({ qty: null, price: 50, sentPrice: 49.99 }))).toBe(true);
    expect(itemHasRoom(item({ qty: null, price: 50, sentPrice: 50 }))).toBe(false);
  });
  it('never stops an unconstrained item', () => {
    expect(itemHasRoom(item({ qty: 2, sentQty: 9, constrainQuantity: false }))).toBe(true);
  });
});

describe('order checks', () => {
  it('refuses an end before the start, accepts open-ended and equal dates', () => {
    const start = new Date('2025-01-02T00:00:00Z');
    expect(orderDateRangeError(start, new Date('2025-01-01T00:00:00Z'))).toMatch(/EndDate/);
    expect(orderDateRangeError(start, start)).toBeUndefined();
    expect(orderDateRangeError(start, null)).toBeUndefined();
  });
  it('finds item ids sent twice, ignoring 0 (new items)', () => {
    expect(repeatedItemIds([0, 0, 4, 5, 4])).toEqual([4]);
  });
  it('formats dates the seed way, without milliseconds', () => {
    expect(seedDateTime(new Date('2020-08-25T22:47:27.658Z'))).toBe('2020-08-25T22:47:27Z');
  });
});

describe('parseSeedDate', () => {
  it('reads the seed format, date-only, milliseconds and offsets; a zone-less time is UTC', () => {
    expect(parseSeedDate('2020-08-25T22:47:27.658Z')?.toISOString()).toBe('2020-08-25T22:47:27.658Z');
    expect(parseSeedDate('2020-08-25T22:47:27Z')?.toISOString()).toBe('2020-08-25T22:47:27.000Z');
    expect(parseSeedDate('2020-08-25')?.toISOString()).toBe('2020-08-25T00:00:00.000Z');
    expect(parseSeedDate('2020-08-25T22:47:27')?.toISOString()).toBe('2020-08-25T22:47:27.000Z');
    expect(parseSeedDate('2020-08-25T22:47:27-07:00')?.toISOString()).toBe('2020-08-26T05:47:27.000Z');
  });
  it.each(['2021-02-30', '2020-13-01', '00-00-00T00:00:00Z', '2020-W01', 'tomorrow', '2020-08-25T25:00:00Z', '0001-01-01', "2020-01-01'; --"])(
    'refuses %s',
    (bad) => expect(parseSeedDate(bad)).toBeUndefined(),
  );
});
