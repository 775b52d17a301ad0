export * from './sms-provider';
export * from './two-factor.service';
export * from './twilio-sms-provider';
