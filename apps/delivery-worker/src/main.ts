import { startTelemetry } from '@leadx/platform-observability';
import { loadConfig } from '@leadx/platform-config';
import { DeliveryWorkerConfig } from './config/delivery-worker.config';

// Telemetry starts before Nest and express load, so incoming HTTP is instrumented.
const config = loadConfig(DeliveryWorkerConfig);
const telemetry = startTelemetry({ service: config.SERVICE_NAME, otlpEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined });

import { runMain } from '@leadx/platform-runtime';
import { startDeliveryWorker } from './start-delivery-worker';

runMain(() => startDeliveryWorker(config), telemetry);
