export * from './lead-intake/intake-decision';
export * from './wire';
export * from './pricing/lead-price';
export * from './fields';
export * from './lead-intake/append-city-state';
