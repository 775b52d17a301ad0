import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@leadx/platform-database';
import { TcpProxy } from '../testing/tcp-proxy';
import { getReady, infraEnv, RunningHealthApp, startHealthApp } from '../testing/health-app';
import { waitFor } from '../testing/wait-for';
import { postgresCheck } from './checks';

describe('readiness with Postgres behind a proxy', () => {
  const target = new URL(infraEnv.databaseUrl);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  let dataSource: DataSource;
  let app: RunningHealthApp;

  beforeAll(async () => {
    const port = await proxy.start();
    const viaProxy = new URL(infraEnv.databaseUrl);
    viaProxy.host = `127.0.0.1:${port}`;
    dataSource = new DataSource(dataSourceOptions({ url: viaProxy.toString(), poolSize: 2, applicationName: 'leadx-health-test' }));
    await dataSource.initialize();
    app = await startHealthApp([postgresCheck(dataSource)]);
  });

  afterAll(async () => {
    await app?.close();
    await proxy.cut();
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
  });

  it('reports not-ready naming postgres when Postgres is cut off, and ready again when it is back', async () => {
    const before = await getReady(app.url);
    expect(before.status).toBe(200);
    expect(before.body.status).toBe('ok');
    expect(before.body.info?.['postgres']?.status).toBe('up');

    await proxy.cut();
    const down = await waitFor('ready to report 503', async () => {
      const r = await getReady(app.url);
      return r.status === 503 ? r : undefined;
    }, { timeoutMs: 5_000 });
    expect(down.body.status).toBe('error');
    expect(down.body.error?.['postgres']?.status).toBe('down');
    expect(down.body.error?.['postgres']?.message).toEqual(expect.any(String));
    expect(down.elapsedMs).toBeLessThan(2_500);
    // Stays down while the database is unreachable, and still answers quickly.
    const stillDown = await getReady(app.url);
    expect(stillDown.status).toBe(503);
    expect(stillDown.elapsedMs).toBeLessThan(2_500);

    await proxy.restore();
    const up = await waitFor('ready to report 200 again', async () => {
      const r = await getReady(app.url);
      return r.status === 200 ? r : undefined;
    }, { timeoutMs: 10_000 });
    expect(up.body.info?.['postgres']?.status).toBe('up');
    // The pool works for the application again, not just for the probe.
    await expect(dataSource.query('SELECT 42 AS answer')).resolves.toEqual([{ answer: 42 }]);
  });
});
