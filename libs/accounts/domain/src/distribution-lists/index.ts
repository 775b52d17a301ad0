export * from './distribution-list-refusal';
export * from './item-assignment';
