import { Body, Get, HttpCode, Post, Put, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DeliveryAccountsService } from '@leadx/accounts-data-access';
import { SeedDeliveryAccount } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { ApiPathUid, PathUid } from './delivery-params';
import { DeliveryErrorInterceptor } from './delivery-error.interceptor';
import { DeliveryAccountDto, DeliveryAccountSearchDto, DeliveryMaxesDto } from './dto/delivery-account.dto';

/** Seed 003 "Delivery Accounts": a client's accounts, their criteria and maxes. */
@AccountApiController('Delivery Accounts')
@UseInterceptors(DeliveryErrorInterceptor)
export class DeliveryAccountsController {
  constructor(private readonly accounts: DeliveryAccountsService) {}

  @Post('/v1/delivery/accounts/all/:LeadTypeUID')
  @HttpCode(200)
  @ApiPathUid('LeadTypeUID', 'The lead type of the accounts to return')
  @ApiOperation({ summary: 'List of All Accounts (Filtered by Criteria): accounts whose criteria on LeadFieldUID accept Value' })
  @ApiOkResponse({ description: 'Delivery accounts in the seed shape, in id order' })
  listAll(@PathUid('LeadTypeUID', 'lead type') leadTypeId: number, @Body() search: DeliveryAccountSearchDto): Promise<SeedDeliveryAccount[]> {
    return this.accounts.listByCriteria(leadTypeId, search);
  }

  @Get('/v1/delivery/:ClientUID/accounts')
  @ApiPathUid('ClientUID', 'The identifier of the client')
  @ApiOperation({ summary: 'List of Accounts for Client' })
  list(@PathUid('ClientUID', 'client') clientId: number): Promise<SeedDeliveryAccount[]> {
    return this.accounts.listForClient(clientId);
  }

  @Get('/v1/delivery/:ClientUID/accounts/:ClientAccountUID')
  @ApiPathUid('ClientUID', 'The identifier of the client')
  @ApiPathUid('ClientAccountUID', 'The identifier of the delivery account (of that client)')
  @ApiOperation({ summary: 'Delivery Account Detail, with its delivery method' })
  detail(@PathUid('ClientUID', 'client') clientId: number, @PathUid('ClientAccountUID', 'delivery account') accountId: number): Promise<SeedDeliveryAccount> {
    return this.accounts.detail(clientId, accountId);
  }

  @Put('/v1/delivery/:ClientUID/accounts')
  @ApiPathUid('ClientUID', 'The identifier of the client being updated')
  @ApiOperation({ summary: 'Create (ClientAccountUID 0) or Modify Delivery Account; answers its id' })
  @ApiOkResponse({ schema: { type: 'integer', example: 123456 } })
  save(@PathUid('ClientUID', 'client') clientId: number, @Body() dto: DeliveryAccountDto): Promise<number> {
    return this.accounts.save(clientId, dto);
  }

  @Put('/v1/delivery/:ClientUID/accounts/:DeliveryAccountUID/maxes')
  @ApiPathUid('ClientUID', 'The identifier of the client being updated')
  @ApiPathUid('DeliveryAccountUID', 'Identifier of client delivery account')
  @ApiOperation({ summary: 'Update Delivery Quantity Maxes (0 = no maximum; absent = unchanged)' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  maxes(
    @PathUid('ClientUID', 'client') clientId: number,
    @PathUid('DeliveryAccountUID', 'delivery account') accountId: number,
    @Body() dto: DeliveryMaxesDto,
  ): Promise<true> {
    return this.accounts.updateMaxes(clientId, accountId, dto);
  }
}
