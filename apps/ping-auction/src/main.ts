import { startTelemetry } from '@leadx/platform-observability';
import { loadConfig } from '@leadx/platform-config';
import { PingAuctionConfig } from './config/ping-auction.config';

// Telemetry starts before Nest and express load, so incoming HTTP is instrumented.
const config = loadConfig(PingAuctionConfig);
const telemetry = startTelemetry({ service: config.SERVICE_NAME, otlpEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined });

import { runMain } from '@leadx/platform-runtime';
import { startPingAuction } from './start-ping-auction';

runMain(() => startPingAuction(config), telemetry);
