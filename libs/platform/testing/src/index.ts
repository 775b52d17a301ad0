export * from './recording-buyer';
export * from './service-process';
export * from './test-env';
export * from './seed-lead';
export * from './http-call';
