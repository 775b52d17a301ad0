export * from './client-enums';
export * from './client-field-values';
export * from './time-zones';
