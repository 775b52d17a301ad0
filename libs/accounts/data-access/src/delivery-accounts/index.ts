export * from './client-offers.service';
export * from './delivery-accounts.service';
export * from './delivery-methods.service';
export { projectDeliveryMethod } from './delivery-projection';
