import { Body, Get, Put, UseInterceptors } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ClientOffersService } from '@leadx/accounts-data-access';
import { ClientOfferView } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { ApiPathUid, PathUid } from './delivery-params';
import { DeliveryErrorInterceptor } from './delivery-error.interceptor';
import { ClientOffersDto } from './dto/client-offer.dto';

/** Extension (seed 000): 1-to-1 client offers of a delivery account, static or dynamic. */
@AccountApiController('Client offers', { extension: true })
@UseInterceptors(DeliveryErrorInterceptor)
export class ClientOffersController {
  constructor(private readonly offers: ClientOffersService) {}

  @Get('/v1/delivery/:ClientUID/accounts/:DeliveryAccountUID/offers')
  @ApiPathUid('ClientUID', 'The identifier of the client')
  @ApiPathUid('DeliveryAccountUID', 'The delivery account (of that client)')
  @ApiOperation({ summary: 'The delivery account\'s offers' })
  list(@PathUid('ClientUID', 'client') clientId: number, @PathUid('DeliveryAccountUID', 'delivery account') accountId: number): Promise<ClientOfferView[]> {
    return this.offers.list(clientId, accountId);
  }

  @Put('/v1/delivery/:ClientUID/accounts/:DeliveryAccountUID/offers')
  @ApiPathUid('ClientUID', 'The identifier of the client')
  @ApiPathUid('DeliveryAccountUID', 'The delivery account (of that client)')
  @ApiOperation({ summary: 'Replace the delivery account\'s offers; answers them as saved' })
  replace(
    @PathUid('ClientUID', 'client') clientId: number,
    @PathUid('DeliveryAccountUID', 'delivery account') accountId: number,
    @Body() dto: ClientOffersDto,
  ): Promise<ClientOfferView[]> {
    return this.offers.replace(clientId, accountId, dto.Offers);
  }
}
