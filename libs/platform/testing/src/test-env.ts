import { randomBytes } from 'node:crypto';

/** Where the test tiers find the real infrastructure. Defaults: the local servers. */
export const testEnv = {
  databaseUrl: process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/leadx_test',
  redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/15',
  kafkaBrokers: (process.env['TEST_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
};

/** A short random suffix for topic names, group ids and test data of one suite. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}
