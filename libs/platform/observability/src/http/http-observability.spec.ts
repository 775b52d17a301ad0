import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { register } from 'prom-client';
import { createLogger } from '../logging/logger';
import { HTTP_REQUEST_DURATION_METRIC } from '../metrics/metrics';
import { httpObservabilityMiddleware, ObservedRequest } from './http-observability';

function fakeExchange(url: string, headers: Record<string, string>) {
  const req = Object.assign(new EventEmitter(), { method: 'POST', url, originalUrl: url, headers }) as unknown as ObservedRequest;
  const resHeaders: Record<string, string> = {};
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    headersSent: true,
    writableFinished: true,
    setHeader: (k: string, v: string) => void (resHeaders[k] = v),
  }) as unknown as ServerResponse;
  return { req, res, resHeaders };
}

describe('httpObservabilityMiddleware', () => {
  it('logs one line per request without headers or query, and records the duration histogram', async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'svc', destination: { write: (s: string) => void lines.push(s) } });
    const middleware = httpObservabilityMiddleware({ logger });
    const { req, res, resHeaders } = fakeExchange('/v1/leads?api_key=q-secret', { 'api-key': 'h-secret', 'x-request-id': 'rid-1' });
    let nextCalls = 0;
    middleware(req, res, () => void nextCalls++);
    middleware(req, res, () => void nextCalls++); // applied twice: observed once
    (req as unknown as { route: { path: string } }).route = { path: '/v1/leads' };
    res.statusCode = 201;
    res.emit('finish');
    res.emit('close');

    expect(nextCalls).toBe(2);
    expect(resHeaders['x-request-id']).toBe('rid-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('secret');
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ request_id: 'rid-1', method: 'POST', path: '/v1/leads', route: '/v1/leads', status: 201, level: 'info' });
    expect(line['duration_ms']).toEqual(expect.any(Number));

    const text = await register.getSingleMetricAsString(HTTP_REQUEST_DURATION_METRIC);
    expect(text).toContain(`${HTTP_REQUEST_DURATION_METRIC}_count{method="POST",route="/v1/leads",status="201"} 1`);
  });
});
