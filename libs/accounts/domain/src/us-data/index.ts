export * from './us-data-views';
