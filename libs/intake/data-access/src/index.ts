export * from './intake-request-log';
export * from './lead-intake.service';
export * from './lead.entity';
export * from './api-key-authenticator';
export * from './lead-status.projector';
export * from './request-status.query';
export * from './lead-update.service';
export * from './return-url-dispatcher';
