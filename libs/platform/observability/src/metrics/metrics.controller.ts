import { Controller, Get, Header } from '@nestjs/common';
import { register } from 'prom-client';
import { ensureDefaultMetrics, httpRequestDuration } from './metrics';

/** `GET /metrics`: the Prometheus text exposition of prom-client's default registry. */
@Controller('metrics')
export class MetricsController {
  constructor() {
    ensureDefaultMetrics();
    httpRequestDuration();
  }

  @Get()
  @Header('Content-Type', register.contentType)
  @Header('Cache-Control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
