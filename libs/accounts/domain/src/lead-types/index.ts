export * from './lead-field-enums';
export * from './lead-field-mapping';
export * from './lead-field-rules';
export * from './lead-type-model';
