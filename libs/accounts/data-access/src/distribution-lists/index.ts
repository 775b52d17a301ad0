export * from './distribution-lists.service';
