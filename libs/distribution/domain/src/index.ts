export * from './eligibility/account-eligibility';
export * from './schedule/delivery-days';
export * from './schedule/local-clock';
export * from './eligibility/safe-expressions';
export * from './eligibility/distribution-lists';
export * from './scan/account-index';
