import diagnosticsChannel from 'node:diagnostics_channel';
import { context, propagation } from '@opentelemetry/api';

/** The part of undici's request object (Node's built-in fetch) this hook touches. */
interface UndiciRequest {
  headers?: unknown;
  addHeader?: (name: string, value: string) => unknown;
}

function hasHeader(headers: unknown, name: string): boolean {
  if (typeof headers === 'string') return headers.toLowerCase().includes(`${name}:`);
  if (Array.isArray(headers)) return headers.some((h, i) => i % 2 === 0 && String(h).toLowerCase() === name);
  return false;
}

/**
 * HttpInstrumentation patches node:http only; Node's global fetch runs on undici. This adds the
 * active context's W3C trace headers to every fetch request through undici's diagnostics channel
 * (propagation only, no client span). Returns the unsubscribe function.
 */
export function propagateThroughFetch(): () => void {
  const onCreate = (message: unknown) => {
    const request = (message as { request?: UndiciRequest }).request;
    const addHeader = request?.addHeader;
    if (!request || typeof addHeader !== 'function' || hasHeader(request.headers, 'traceparent')) return;
    propagation.inject(context.active(), request, {
      set: (carrier, key, value) => {
        addHeader.call(carrier, key, value);
      },
    });
  };
  diagnosticsChannel.subscribe('undici:request:create', onCreate);
  return () => diagnosticsChannel.unsubscribe('undici:request:create', onCreate);
}
