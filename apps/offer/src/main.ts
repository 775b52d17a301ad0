import { startTelemetry } from '@leadx/platform-observability';
import { loadConfig } from '@leadx/platform-config';
import { OfferConfig } from './config/offer.config';

// Telemetry starts before Nest and express load, so incoming HTTP is instrumented.
const config = loadConfig(OfferConfig);
const telemetry = startTelemetry({ service: config.SERVICE_NAME, otlpEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined });

import { runMain } from '@leadx/platform-runtime';
import { startOffer } from './start-offer';

runMain(() => startOffer(config), telemetry);
