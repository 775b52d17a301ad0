export * from './two-factor-rules';
