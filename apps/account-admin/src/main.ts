import { startTelemetry } from '@leadx/platform-observability';
import { loadConfig } from '@leadx/platform-config';
import { AccountAdminConfig } from './config/account-admin.config';

// Telemetry starts before Nest and express load, so incoming HTTP is instrumented.
const config = loadConfig(AccountAdminConfig);
const telemetry = startTelemetry({ service: config.SERVICE_NAME, otlpEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined });

import { runMain } from '@leadx/platform-runtime';
import { startAccountAdmin } from './start-account-admin';

runMain(() => startAccountAdmin(config), telemetry);
