export * from './outcome/classify-outcome';
