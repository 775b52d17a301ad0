import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import { startTelemetry } from './telemetry';

describe('startTelemetry', () => {
  it('is idempotent: a second call returns the running handle; after shutdown a new one starts', async () => {
    const first = startTelemetry({ service: 'leadx-unit' });
    const second = startTelemetry({ service: 'another-name' });
    expect(second).toBe(first);
    expect((trace.getTracerProvider() as ProxyTracerProvider).getDelegate()).toBe(first.provider);

    await first.shutdown();
    await first.shutdown(); // idempotent too
    const third = startTelemetry({ service: 'leadx-unit' });
    try {
      expect(third).not.toBe(first);
      expect((trace.getTracerProvider() as ProxyTracerProvider).getDelegate()).toBe(third.provider);
    } finally {
      await third.shutdown();
    }
  });
});
