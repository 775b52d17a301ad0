export * from './deliver-lead.service';
export * from './delivery-plan';
export * from './http-attempt';
export * from './method-result';
export * from './channels/email-channel';
export * from './channels/ftp-channel';
export * from './channels/sms-channel';
export * from './delivery-routes.service';
