export * from './lead-intake/intake-decision';
export * from './wire';
