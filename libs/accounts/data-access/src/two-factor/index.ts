export * from './sms-provider';
export * from './two-factor.service';
