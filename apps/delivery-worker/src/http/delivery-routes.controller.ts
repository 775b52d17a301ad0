import { Body, Controller, Get, HttpCode, HttpException, Inject, Param, Post, Put } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliverLeadService, DeliveryAnswer, DeliveryRouteError, DeliveryRoutesService, LeadSendView } from '@leadx/delivery-data-access';
import { DELIVER_LEAD_SERVICE } from '../events/deliver-lead.consumer';

const REASONS = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' } as const;

/** The seed's delivery errors as account-admin answers its own: `{StatusCode, Error, Message}`. */
async function answer<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DeliveryRouteError) {
      throw new HttpException({ StatusCode: err.status, Error: REASONS[err.status], Message: err.message }, err.status);
    }
    throw err;
  }
}

/**
 * Seed 003 delivery routes. account-admin authenticates the operator's bearer token and forwards
 * the call here (DELEGATED_ACCOUNT_ROUTES); this service is not exposed to operators directly.
 */
@Controller()
export class DeliveryRoutesController {
  private readonly routes: DeliveryRoutesService;

  constructor(dataSource: DataSource, @Inject(DELIVER_LEAD_SERVICE) delivery: DeliverLeadService) {
    this.routes = new DeliveryRoutesService(dataSource, delivery);
  }

  @Post('/v1/delivery/process')
  @HttpCode(200)
  process(@Body() body: unknown): Promise<DeliveryAnswer> {
    return answer(() => this.routes.process(body));
  }

  @Post('/v1/delivery/redirectconfirmation')
  @HttpCode(200)
  redirectConfirmation(@Body() body: unknown): Promise<DeliveryAnswer> {
    return answer(() => this.routes.redirectConfirmation(body));
  }

  @Post('/v1/delivery/:ClientUID/confirm/:LeadUID')
  @HttpCode(200)
  confirm(@Param('ClientUID') clientUid: string, @Param('LeadUID') leadUid: string): Promise<void> {
    return answer(() => this.routes.confirm(clientUid, leadUid));
  }

  @Put('/v1/delivery/log')
  @HttpCode(200)
  log(@Body() body: unknown): Promise<void> {
    return answer(() => this.routes.log(body));
  }

  @Get('/v1/delivery/sends/:LeadUID')
  sends(@Param('LeadUID') leadUid: string): Promise<LeadSendView[]> {
    return answer(() => this.routes.sendsForLead(leadUid));
  }
}
