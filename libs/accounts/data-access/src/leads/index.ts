export * from './lead-analytics.service';
export * from './lead-attachments.service';
export * from './lead-contact-removal.service';
export * from './lead-deletion.service';
export * from './lead-purge-plan';
export * from './lead-search.service';
export * from './lead-visibility';
