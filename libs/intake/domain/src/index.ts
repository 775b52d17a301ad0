export * from './lead-intake/intake-decision';
