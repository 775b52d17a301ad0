export * from './card-data';
export * from './order-enums';
export * from './order-refusal';
export * from './order-rules';
