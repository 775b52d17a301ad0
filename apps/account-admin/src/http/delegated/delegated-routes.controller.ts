import { Get, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { DELEGATED_CLIENT_HEADER, DelegateService } from '@leadx/contracts';
import { LOGGER, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { AccountApiController } from '../common/account-api.decorators';
import { AuthenticatedRequest } from '../common/bearer.guard';

const OWNED = 'Served by the %s service (account-admin authenticates the token and forwards the call).';

/**
 * Seed 003's scanner and delivery routes (DELEGATED_ACCOUNT_ROUTES): one public API for operators,
 * while the logic stays in the service that owns it. The body, query and status pass through.
 */
@AccountApiController('Scanner and delivery')
@ApiServiceUnavailableResponse({ description: 'The owning service is unreachable' })
export class DelegatedRoutesController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: AccountAdminConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post('/v2/delivery/scanner/general')
  @ApiOperation({ summary: 'Client Scanner', description: OWNED.replace('%s', 'scanner') })
  scannerGeneral(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('scanner', req, res);
  }

  @Get('/v1/delivery/scanner/logs/:LeadUID')
  @ApiOperation({ summary: 'Client Scanner Logs', description: OWNED.replace('%s', 'scanner') })
  scannerLogs(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('scanner', req, res);
  }

  @Post('/v1/clients/scanner/criteria/:LeadTypeUID')
  @ApiOperation({ summary: 'Client Scanner by Criteria', description: OWNED.replace('%s', 'scanner') })
  scannerByCriteria(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('scanner', req, res);
  }

  @Post('/v1/delivery/autosend')
  @ApiOperation({ summary: 'Auto Process Delivery', description: OWNED.replace('%s', 'scanner') })
  autosend(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('scanner', req, res);
  }

  @Post('/v1/delivery/runautomation/:LeadUID')
  @ApiOperation({ summary: 'Run Lead Automation', description: OWNED.replace('%s', 'scanner') })
  runAutomation(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('scanner', req, res);
  }

  @Post('/v1/delivery/scheduleautomation/:LeadUID')
  @ApiOperation({ summary: 'Schedule Lead Automation', description: OWNED.replace('%s', 'scanner') })
  scheduleAutomation(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('scanner', req, res);
  }

  @Post('/v1/delivery/process')
  @ApiOperation({ summary: 'Process Client Delivery', description: OWNED.replace('%s', 'delivery-worker') })
  process(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('delivery-worker', req, res);
  }

  @Post('/v1/delivery/:ClientUID/confirm/:LeadUID')
  @ApiOperation({ summary: 'Confirm Delivery', description: OWNED.replace('%s', 'delivery-worker') })
  confirm(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('delivery-worker', req, res);
  }

  @Post('/v1/delivery/redirectconfirmation')
  @ApiOperation({ summary: 'Confirm Redirect Delivery', description: OWNED.replace('%s', 'delivery-worker') })
  redirectConfirmation(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('delivery-worker', req, res);
  }

  @Put('/v1/delivery/log')
  @ApiOperation({ summary: 'Log Delivery to Client', description: OWNED.replace('%s', 'delivery-worker') })
  log(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('delivery-worker', req, res);
  }

  @Get('/v1/delivery/sends/:LeadUID')
  @ApiOperation({ summary: 'Get Sends for Lead', description: OWNED.replace('%s', 'delivery-worker') })
  sends(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.forward('delivery-worker', req, res);
  }

  private async forward(service: DelegateService, req: AuthenticatedRequest, res: Response): Promise<void> {
    const base = service === 'scanner' ? this.config.SCANNER_URL : this.config.DELIVERY_WORKER_URL;
    const hasBody = req.method !== 'GET' && req.method !== 'DELETE';
    let upstream: globalThis.Response;
    try {
      upstream = await fetch(`${base}${req.originalUrl}`, {
        method: req.method,
        headers: {
          ...(hasBody ? { 'content-type': 'application/json' } : {}),
          accept: 'application/json',
          [DELEGATED_CLIENT_HEADER]: req.apiClientId,
          ...(req.headers['x-request-id'] ? { 'x-request-id': String(req.headers['x-request-id']) } : {}),
        },
        body: hasBody ? JSON.stringify(req.body ?? {}) : undefined,
        signal: AbortSignal.timeout(this.config.DELEGATE_TIMEOUT_MS),
        redirect: 'manual',
      });
    } catch (err) {
      this.logger.warn({ err, service, path: req.path }, 'delegate service unreachable');
      res.status(503).json({ StatusCode: 503, Error: 'Service Unavailable', Message: `the ${service} service is unreachable; retry the request` });
      return;
    }
    const body = Buffer.from(await upstream.arrayBuffer());
    res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json').send(body);
  }
}
