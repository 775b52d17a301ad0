import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { startTelemetry } from './telemetry';

// Telemetry first, as in main.ts: the Nest app (and express) load after it.
const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry({ service: 'leadx-tracing-test', spanProcessors: [new SimpleSpanProcessor(exporter)] });

import { Controller, Get } from '@nestjs/common';
import { RunningHealthApp, startHealthApp } from '../testing/health-app';

@Controller('traced')
class TracedController {
  @Get()
  traced(): { traceId: string | undefined } {
    return { traceId: trace.getSpan(context.active())?.spanContext().traceId };
  }
}

describe('tracing', () => {
  let app: RunningHealthApp;

  beforeAll(async () => {
    app = await startHealthApp([], [TracedController]);
  });

  afterAll(async () => {
    await app?.close();
    await telemetry.shutdown();
  });

  it('records a SERVER span per incoming request, continuing the trace a fetch caller propagates', async () => {
    const tracer = trace.getTracer('test');
    const outer = tracer.startSpan('caller');
    const body = await context.with(trace.setSpan(context.active(), outer), async () => {
      const res = await fetch(`${app.url}/traced`);
      return (await res.json()) as { traceId?: string };
    });
    outer.end();

    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes['http.route'] !== '/health/live');
    expect(server).toBeDefined();
    expect(server!.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(server!.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    // The handler ran inside the server span's context.
    expect(body.traceId).toBe(outer.spanContext().traceId);
    expect(server!.resource.attributes['service.name']).toBe('leadx-tracing-test');
  });
});
