import { getReady, RunningHealthApp, startHealthApp } from '../testing/health-app';

describe('GET /metrics', () => {
  let app: RunningHealthApp;

  beforeAll(async () => {
    app = await startHealthApp([{ name: 'always', check: async () => undefined }]);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves Prometheus text with the request duration histogram of the requests served so far', async () => {
    const live = await fetch(`${app.url}/health/live`, { headers: { 'x-request-id': 'metrics-test-1' } });
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    expect(live.headers.get('x-request-id')).toBe('metrics-test-1');
    expect((await getReady(app.url)).status).toBe(200);
    const missing = await fetch(`${app.url}/no/such/route/123`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE leadx_http_request_duration_seconds histogram');
    expect(text).toMatch(/leadx_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} 1\b/);
    expect(text).toMatch(/leadx_http_request_duration_seconds_count\{method="GET",route="\/health\/ready",status="200"\} 1\b/);
    // Unknown paths share one label value: no cardinality explosion from scanners.
    expect(text).toMatch(/leadx_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1\b/);
    expect(text).not.toContain('/no/such/route');
    // prom-client's default process metrics are registered too.
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
