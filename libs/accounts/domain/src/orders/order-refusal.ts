/** Why an orders/payments request cannot be carried out; the HTTP layer maps the kind to a status. */
export type OrderRefusalKind = 'not_found' | 'invalid' | 'conflict' | 'unavailable';

/** Thrown by the orders and payments services for a request that names missing or invalid data. */
export class OrderRefusal extends Error {
  constructor(
    readonly kind: OrderRefusalKind,
    message: string,
    /** The request field at fault (for 'invalid'). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'OrderRefusal';
  }

  static notFound(what: string, id: string | number): OrderRefusal {
    return new OrderRefusal('not_found', `${what} ${id} not found`);
  }
}
