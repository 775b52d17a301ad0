export * from './duplicate-sets.service';
export * from './lead-categories.service';
export * from './lead-type-fields.service';
export * from './lead-types.errors';
export * from './lead-types.service';
