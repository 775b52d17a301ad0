export * from './eligibility/account-eligibility';
