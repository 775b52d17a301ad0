export * from './local-payment-provider';
export * from './order-payments.service';
export * from './orders.service';
export * from './payment-provider';
export * from './stripe-payment-provider';
