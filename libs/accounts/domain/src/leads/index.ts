export * from './lead-analytics';
export * from './lead-attachment';
export * from './lead-contact-data';
export * from './lead-search';
