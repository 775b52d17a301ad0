import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AccessTokenStore, ApiClientCredentials, ApiClientStore, ApiClientView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { notFound } from '../common/not-found';

export class CreateApiClientDto {
  @ApiProperty({ example: 'billing-integration' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  Name!: string;
}

/** Extension: the Account API's own OAuth2 clients. The first one comes from `npm run accounts:create-client`. */
@AccountApiController('API clients', { extension: true })
export class ApiClientsController {
  constructor(
    private readonly clients: ApiClientStore,
    private readonly tokens: AccessTokenStore,
  ) {}

  @Get('/v1/authorization/clients')
  @ApiOperation({ summary: 'List API clients (never their secrets)' })
  list(): Promise<ApiClientView[]> {
    return this.clients.list();
  }

  @Post('/v1/authorization/clients')
  @ApiOperation({ summary: 'Create an API client; the secret is shown once' })
  create(@Body() dto: CreateApiClientDto): Promise<ApiClientCredentials> {
    return this.clients.create(dto.Name);
  }

  @Post('/v1/authorization/clients/:ClientId/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: "Replace a client's secret; its old secret and tokens stop working at once" })
  async rotate(@Param('ClientId') clientId: string): Promise<ApiClientCredentials> {
    const credentials = await this.clients.rotate(clientId);
    if (!credentials) throw notFound('active API client', clientId);
    await this.tokens.revokeAllOf(clientId);
    return credentials;
  }

  @Delete('/v1/authorization/clients/:ClientId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a client and its tokens' })
  async revoke(@Param('ClientId') clientId: string): Promise<void> {
    if (!(await this.clients.revoke(clientId))) throw notFound('active API client', clientId);
    await this.tokens.revokeAllOf(clientId);
  }
}
