export * from './outcome/classify-outcome';
export * from './render/render-fields';
export * from './render/build-request';
export * from './retry/retry-policy';
export * from './render/build-message';
export * from './batch/batch-schedule';
