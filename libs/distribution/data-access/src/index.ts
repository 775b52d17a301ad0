export * from './distribute-lead.service';
export * from './scan-criteria-environment';
