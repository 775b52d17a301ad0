import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { getReady, RunningHealthApp, startHealthApp } from '../testing/health-app';
import { waitFor } from '../testing/wait-for';
import { kafkaCheck } from './checks';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '../../../../..');
// A second, private broker: stopping the shared one on 9092 would break every other suite.
const brokerEnv = {
  ...process.env,
  KAFKA_PORT: '19092',
  KAFKA_CONTROLLER_PORT: '19093',
  KAFKA_HOME_DIR: resolve(repoRoot, '.local/kafka-health-test'),
  KAFKA_HEAP: '256m',
};
const broker = (command: 'up' | 'down') =>
  run('bash', [resolve(repoRoot, 'scripts/kafka.sh'), command], { env: brokerEnv, cwd: repoRoot, timeout: 90_000 });

describe('readiness with a Kafka broker that stops and starts', () => {
  let app: RunningHealthApp;
  const kafka = new Kafka({
    clientId: 'leadx-health-test',
    brokers: ['127.0.0.1:19092'],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  });

  beforeAll(async () => {
    await broker('up');
    app = await startHealthApp([kafkaCheck(kafka)]);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await broker('down');
  }, 60_000);

  it('reports not-ready naming kafka when the broker stops, and ready again when it is back', async () => {
    const before = await waitFor('ready with the broker up', async () => {
      const r = await getReady(app.url);
      return r.status === 200 ? r : undefined;
    }, { timeoutMs: 15_000 });
    expect(before.body.info?.['kafka']?.status).toBe('up');

    await broker('down');
    const down = await waitFor('ready to report 503', async () => {
      const r = await getReady(app.url);
      return r.status === 503 ? r : undefined;
    }, { timeoutMs: 5_000 });
    expect(down.body.status).toBe('error');
    expect(down.body.error?.['kafka']?.status).toBe('down');
    expect(down.elapsedMs).toBeLessThan(2_500);
    const stillDown = await getReady(app.url);
    expect(stillDown.status).toBe(503);
    expect(stillDown.elapsedMs).toBeLessThan(2_500);

    await broker('up');
    const up = await waitFor('ready to report 200 again', async () => {
      const r = await getReady(app.url);
      return r.status === 200 ? r : undefined;
    }, { timeoutMs: 15_000, intervalMs: 250 });
    expect(up.body.info?.['kafka']?.status).toBe('up');
  }, 180_000);
});
