export * from './us-data.service';
