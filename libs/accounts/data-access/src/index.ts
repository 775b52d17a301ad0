export * from './auth/access-token.store';
export * from './auth/api-client.store';
export * from './auth/passwords';
export * from './config-changes';
