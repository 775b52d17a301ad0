export * from './distribute-lead.service';
export * from './maxes/account-max-counter';
export * from './maxes/round-robin-turns';
export * from './scan-criteria-environment';
export * from './scan/account-snapshot';
