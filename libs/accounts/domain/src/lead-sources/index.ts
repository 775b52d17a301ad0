export * from './lead-source-enums';
