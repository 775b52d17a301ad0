import { startTelemetry } from '@leadx/platform-observability';
import { loadConfig } from '@leadx/platform-config';
import { ReceiverConfig } from './config/receiver.config';

// Telemetry starts before Nest and express load, so incoming HTTP is instrumented.
const config = loadConfig(ReceiverConfig);
const telemetry = startTelemetry({ service: config.SERVICE_NAME, otlpEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined });

import { runMain } from '@leadx/platform-runtime';
import { startReceiver } from './start-receiver';

runMain(() => startReceiver(config), telemetry);
