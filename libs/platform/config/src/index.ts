export * from './base-service.config';
export * from './load-config';
