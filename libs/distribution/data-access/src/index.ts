export * from './distribute-lead.service';
