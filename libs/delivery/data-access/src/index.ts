export * from './deliver-lead.service';
