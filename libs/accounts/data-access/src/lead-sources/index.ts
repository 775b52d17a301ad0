export * from './lead-source-api-keys.service';
export * from './lead-sources.errors';
export * from './lead-sources.service';
