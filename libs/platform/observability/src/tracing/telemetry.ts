import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import nodeHttp from 'node:http';
import nodeHttps from 'node:https';
import { isWrapped, registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { propagateThroughFetch } from './fetch-propagation';

export type { SpanProcessor } from '@opentelemetry/sdk-trace-node';

export interface TelemetryOptions {
  service: string;
  /** OTLP/HTTP traces endpoint (http://collector:4318/v1/traces). Unset: spans are not exported. */
  otlpEndpoint?: string;
  /** Extra processors, e.g. a SimpleSpanProcessor over an InMemorySpanExporter in tests. */
  spanProcessors?: SpanProcessor[];
  /** Incoming request paths that get no span (probes and scrapes). */
  ignoreIncomingPaths?: readonly string[];
}

export interface TelemetryHandle {
  provider: NodeTracerProvider;
  /** Flushes pending spans, unpatches http, unregisters the global provider. Idempotent. */
  shutdown(): Promise<void>;
}

/**
 * HttpInstrumentation patches http/https from a require hook, so it misses a module that is not
 * required again after it is enabled (Jest's module system, or main.ts loading http first). This
 * patches the process-wide http/https exports directly when the hook has not; a later require
 * through the hook re-wraps instead of double-wrapping. Returns the matching unpatch.
 */
function patchLoadedHttp(instrumentation: HttpInstrumentation): () => void {
  const loaded: Record<string, typeof nodeHttp | typeof nodeHttps> = { http: nodeHttp, https: nodeHttps };
  const undo: Array<() => void> = [];
  for (const definition of instrumentation.getModuleDefinitions()) {
    const exports = loaded[definition.name];
    if (!exports || !definition.patch || isWrapped(exports.Server.prototype.emit)) continue;
    definition.patch(exports);
    undo.push(() => {
      if (isWrapped(exports.Server.prototype.emit)) definition.unpatch?.(exports);
    });
  }
  return () => undo.forEach((u) => u());
}

const HANDLE = Symbol.for('leadx.observability.telemetry');
type TelemetryGlobal = typeof globalThis & { [HANDLE]?: TelemetryHandle };

/**
 * Starts tracing for the process: a NodeTracerProvider registered globally with an
 * AsyncLocalStorage context manager and W3C trace-context (+ baggage) propagation, http
 * instrumentation (SERVER spans for incoming requests, propagation on outgoing http), trace
 * headers on outgoing fetch, and OTLP/HTTP export when `otlpEndpoint` is set.
 *
 * Call it first in main.ts, before the Nest app (and so http/express) is loaded. A second call in
 * the same process returns the running handle and ignores its options.
 */
export function startTelemetry(opts: TelemetryOptions): TelemetryHandle {
  const g = globalThis as TelemetryGlobal;
  const running = g[HANDLE];
  if (running) return running;

  const spanProcessors = [...(opts.spanProcessors ?? [])];
  if (opts.otlpEndpoint) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: opts.otlpEndpoint })));
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.service })),
    spanProcessors,
  });
  provider.register({
    contextManager: new AsyncLocalStorageContextManager(),
    propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  });
  const ignored = new Set(opts.ignoreIncomingPaths ?? ['/health/live', '/health/ready', '/metrics']);
  const http = new HttpInstrumentation({
    ignoreIncomingRequestHook: (req) => ignored.has((req.url ?? '').split('?')[0]),
  });
  const unregisterInstrumentations = registerInstrumentations({ tracerProvider: provider, instrumentations: [http] });
  const unpatchLoadedHttp = patchLoadedHttp(http);
  const stopFetchPropagation = propagateThroughFetch();

  let stopping: Promise<void> | undefined;
  const handle: TelemetryHandle = {
    provider,
    shutdown: () =>
      (stopping ??= (async () => {
        stopFetchPropagation();
        unregisterInstrumentations();
        unpatchLoadedHttp();
        try {
          await provider.shutdown();
        } finally {
          trace.disable();
          context.disable();
          propagation.disable();
          if (g[HANDLE] === handle) delete g[HANDLE];
        }
      })()),
  };
  g[HANDLE] = handle;
  return handle;
}
