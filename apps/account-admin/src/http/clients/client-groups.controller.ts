import { Body, Get, Header, Put, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ClientGroupsService, ClientGroupView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { ClientsErrorInterceptor } from './clients-error.interceptor';
import { UpsertClientGroupDto } from './dto/client-group.dto';

@AccountApiController('Clients')
@UseInterceptors(ClientsErrorInterceptor)
export class ClientGroupsController {
  constructor(private readonly groups: ClientGroupsService) {}

  @Get('/v1/clients/groups')
  @ApiOperation({ summary: 'Client Group List' })
  list(): Promise<ClientGroupView[]> {
    return this.groups.list();
  }

  @Put('/v1/clients/groups')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create / Modify Client Group', description: 'ClientGroupUID 0 creates. Answers the group id (the seed shows a bare 200 OK).' })
  @ApiOkResponse({ schema: { type: 'integer', example: 12 } })
  @ApiConflictResponse({ description: 'Another group has this Description (any case)' })
  @ApiNotFoundResponse({ description: 'Unknown ClientGroupUID' })
  upsert(@Body() dto: UpsertClientGroupDto): Promise<number> {
    return this.groups.upsert({ ClientGroupUID: dto.ClientGroupUID, Description: dto.Description, DisplayOrder: dto.DisplayOrder ?? 0 });
  }
}
