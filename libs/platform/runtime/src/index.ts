export * from './infrastructure.module';
export * from './run-service';
export * from './service-infrastructure';
export * from './tokens';
export * from './periodic-task';
export * from './not-yet-served.controller';
