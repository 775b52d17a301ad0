import { seedEnum } from '../seed-enum';

/**
 * Order status as "Create or Modify Order" lists it: numbers are positions in that list
 * (Closed = 0 … Paused = 5).
 */
export const OrderStatus = seedEnum('OrderStatus', ['Closed', 'Open', 'OnHold', 'Filled', 'Pending', 'Paused'] as const);
export type OrderStatusName = (typeof OrderStatus.names)[number];

/**
 * The same statuses as "Retrieve Order Details or List" lists them for OrderStatusFilter (typed
 * integer there), in another order: Pending = 0, Open = 1, Closed = 2, OnHold = 3, Filled = 4,
 * Paused = 5. The seed contradicts itself; each section's numbers follow its own list, and names
 * mean the same in both (see the orders README).
 */
export const OrderStatusFilter = seedEnum('OrderStatusFilter', ['Pending', 'Open', 'Closed', 'OnHold', 'Filled', 'Paused'] as const);

/** How an order renews when complete (renewal_type). */
export const OrderRenewal = seedEnum('OrderRenewal', ['No_Renewal', 'On_End', 'On_Qty_Fill'] as const);
export type OrderRenewalName = (typeof OrderRenewal.names)[number];
