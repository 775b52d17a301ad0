import { Body, Get, Header, Headers, HttpCode, Param, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OrderPage, OrderPaymentsService, OrdersService, PaymentMethodView, PaymentRunView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { AccountApiValidationError } from '../common/account-api.validation';
import { LogPaymentDto, RunPaymentDto, SavePaymentMethodDto } from './dto/payments.dto';
import { OrderPageDto, PaymentMethodViewDto, PaymentRunViewDto } from './dto/order-views.dto';
import { QueryOrdersDto } from './dto/query-orders.dto';
import { SaveOrderDto } from './dto/save-order.dto';
import { RefusalInterceptor } from './refusal.interceptor';
import { SerialIdPipe } from './serial-id.pipe';

/** Seed 003 orders and payments. */
@AccountApiController('Orders')
@UseInterceptors(RefusalInterceptor)
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: OrderPaymentsService,
  ) {}

  @Put('/v1/orders')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create or Modify Order', description: 'ClientOrderUID 0 creates. Answers the order id.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 123456 } })
  save(@Body() dto: SaveOrderDto): Promise<number> {
    return this.orders.save(dto);
  }

  @Post('/v1/orders')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retrieve Order Details or List' })
  @ApiOkResponse({ type: OrderPageDto })
  query(@Body() dto: QueryOrdersDto): Promise<OrderPage> {
    return this.orders.query(dto);
  }

  @Put('/v1/orders/billing/payments')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create Order Payment', description: 'Logs a payment received outside the system (no card is charged). Answers the payment id.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 501 } })
  logPayment(@Body() dto: LogPaymentDto): Promise<number> {
    return this.payments.log(dto);
  }

  @Post('/v1/orders/:ClientUID/billing/paymentmethods/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run Payment', description: "Charges the client's primary payment method through the payment provider. A decline answers 200 with IsValid false." })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Extension: a retried run with the same key answers the first result instead of charging again' })
  @ApiOkResponse({ type: PaymentRunViewDto })
  run(
    @Param('ClientUID', new SerialIdPipe('client')) clientId: number,
    @Body() dto: RunPaymentDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PaymentRunView> {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new AccountApiValidationError([{ Field: 'Idempotency-Key', Message: 'Idempotency-Key must be 1–200 visible ASCII characters' }]);
    }
    return this.payments.run(clientId, dto.Amount, idempotencyKey);
  }
}

/** Extension: the payment methods Run Payment charges (the seed has no endpoint to register them). */
@AccountApiController('Orders', { extension: true })
@UseInterceptors(RefusalInterceptor)
export class PaymentMethodsController {
  constructor(private readonly payments: OrderPaymentsService) {}

  @Put('/v1/orders/:ClientUID/billing/paymentmethods')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create or modify a payment method (provider token only)', description: 'Answers the payment method id.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 7 } })
  save(@Param('ClientUID', new SerialIdPipe('client')) clientId: number, @Body() dto: SavePaymentMethodDto): Promise<number> {
    return this.payments.savePaymentMethod(clientId, dto);
  }

  @Get('/v1/orders/:ClientUID/billing/paymentmethods')
  @ApiOperation({ summary: "A client's payment methods (masked)" })
  @ApiOkResponse({ type: [PaymentMethodViewDto] })
  list(@Param('ClientUID', new SerialIdPipe('client')) clientId: number): Promise<PaymentMethodView[]> {
    return this.payments.paymentMethods(clientId);
  }
}
