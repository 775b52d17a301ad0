export * from './paging';
export * from './seed-enum';
