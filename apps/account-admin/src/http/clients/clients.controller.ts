import { Body, Get, Header, HttpCode, Param, Patch, Post, Query, Req, UnauthorizedException, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import {
  ActiveClientsPage,
  ActiveClientsService,
  ClientInfoView,
  ClientListItemView,
  ClientLoginThrottle,
  ClientsError,
  ClientsService,
} from '@leadx/accounts-data-access';
import { applyPaging } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { AuthenticatedRequest } from '../common/bearer.guard';
import { notFound } from '../common/not-found';
import { ClientsErrorInterceptor } from './clients-error.interceptor';
import { ApiUidParam, UidParam } from './clients.params';
import { ActiveClientsQueryDto, ListClientsQueryDto } from './dto/active-clients.dto';
import { AssignClientGroupDto } from './dto/client-group.dto';
import { ClientLoginDto } from './dto/client-login.dto';
import { UpdateClientStatusDto } from './dto/client-status.dto';
import { UpsertClientDto } from './dto/upsert-client.dto';

/** Seed 003 "Clients": client records, their status and group, portal login. */
@AccountApiController('Clients')
@UseInterceptors(ClientsErrorInterceptor)
export class ClientsController {
  constructor(
    private readonly clients: ClientsService,
    private readonly active: ActiveClientsService,
    private readonly throttle: ClientLoginThrottle,
  ) {}

  @Patch('/v1/clients')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create / Modify Client', description: 'ClientUID 0 creates (Username, Password and Status required). Answers the client id.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 12345 } })
  @ApiConflictResponse({ description: 'The username is in use by another client (any case)' })
  @ApiNotFoundResponse({ description: 'Unknown ClientUID' })
  upsert(@Body() dto: UpsertClientDto, @Req() req: AuthenticatedRequest): Promise<number> {
    return this.clients.upsert(dto.Info, dto.FieldData ?? [], req.apiClientId);
  }

  @Get('/v1/clients/list')
  @ApiOperation({ summary: 'List Clients', description: 'Every client by id; Skip/Take (extension) page the list when given.' })
  list(@Query() query: ListClientsQueryDto): Promise<ClientListItemView[]> {
    const paged = query.Skip !== undefined || query.Take !== undefined;
    return this.clients.list(paged ? applyPaging(query.Skip, query.Take) : undefined);
  }

  @Post('/v1/clients/list/active/leadtype/:leadtypeuid')
  @ApiUidParam('leadtypeuid', 'The lead type')
  @HttpCode(200)
  @ApiOperation({ summary: 'Client Active List by Lead Type', description: 'Active clients with an Open delivery account for the lead type.' })
  @ApiNotFoundResponse({ description: 'Unknown lead type' })
  async activeByLeadType(@UidParam('leadtypeuid', 'lead type') leadTypeId: number, @Body() dto: ActiveClientsQueryDto): Promise<ActiveClientsPage> {
    const page = await this.active.list(leadTypeId, {
      ...dto,
      SortBy: dto.SortBy ?? 'Name',
      SortDirection: dto.SortDirection ?? 'Ascending',
    });
    if (!page) throw notFound('lead type', leadTypeId);
    return page;
  }

  @Patch('/v1/clients/:ClientUID/status')
  @ApiUidParam('ClientUID', 'The client')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Update Client Status' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  @ApiNotFoundResponse({ description: 'Unknown ClientUID' })
  async setStatus(@UidParam('ClientUID', 'client') clientId: number, @Body() dto: UpdateClientStatusDto, @Req() req: AuthenticatedRequest): Promise<boolean> {
    if (!(await this.clients.setStatus(clientId, dto.Status, req.apiClientId))) throw notFound('client', clientId);
    return true;
  }

  @Patch('/v1/clients/:ClientUID/group')
  @ApiUidParam('ClientUID', 'The client')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Update Client Group Assignment', description: 'By ClientGroupUID, or by ClientGroupName; ClientGroupUID 0 removes the assignment.' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  @ApiNotFoundResponse({ description: 'Unknown client or group' })
  async setGroup(@UidParam('ClientUID', 'client') clientId: number, @Body() dto: AssignClientGroupDto, @Req() req: AuthenticatedRequest): Promise<boolean> {
    await this.clients.setGroup(clientId, dto, req.apiClientId);
    return true;
  }

  @Post('/v1/clients/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Client Login', description: 'Checks a portal username and password; answers the client info (never the password).' })
  @ApiUnauthorizedResponse({ description: 'Missing token, or wrong username or password (Message says which)' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this username; retry later' })
  async login(@Body() dto: ClientLoginDto): Promise<ClientInfoView> {
    if (await this.throttle.blocked(dto.Username)) {
      throw new ClientsError('throttled', 'too many failed logins for this username; retry in 15 minutes');
    }
    const info = await this.clients.login(dto.Username, dto.Password);
    if (!info) {
      await this.throttle.failed(dto.Username);
      throw new UnauthorizedException('invalid client username or password');
    }
    await this.throttle.succeeded(dto.Username);
    return info;
  }

  @Get('/v1/clients/username/check/:Username')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Check Client Username', description: 'true when a client uses the username (any case).' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  usernameInUse(@Param('Username') username: string): Promise<boolean> {
    return this.clients.usernameInUse(username);
  }
}
