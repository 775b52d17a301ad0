import { Body, Delete, Get, Header, Param, Put, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DistributionListsService, DistributionListView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { RefusalInterceptor } from '../orders/refusal.interceptor';
import { SerialIdPipe } from '../orders/serial-id.pipe';
import { SaveDistributionListDto, SaveDistributionListItemDto } from './dto/distribution-list.dto';
import { DistributionListViewDto } from './dto/distribution-list-views.dto';

const TRUE = { schema: { type: 'boolean', example: true } };

/** Seed 003 distribution lists (items and their client assignments). */
@AccountApiController('Distribution lists')
@UseInterceptors(RefusalInterceptor)
export class DistributionListsController {
  constructor(private readonly lists: DistributionListsService) {}

  @Get('/v1/distribution/lists')
  @ApiOperation({ summary: 'Get Distribution Lists', description: 'Every list with all its items.' })
  @ApiOkResponse({ type: [DistributionListViewDto] })
  all(): Promise<DistributionListView[]> {
    return this.lists.lists();
  }

  @Get('/v1/distribution/lists/:ClientUID/:DistributionListUID')
  @ApiOperation({ summary: 'Get Distribution List Assignments for Client', description: 'The list with the items assigned to the client.' })
  @ApiOkResponse({ type: DistributionListViewDto })
  forClient(
    @Param('ClientUID', new SerialIdPipe('client')) clientId: number,
    @Param('DistributionListUID', new SerialIdPipe('distribution list')) listId: number,
  ): Promise<DistributionListView> {
    return this.lists.forClient(clientId, listId);
  }

  @Delete('/v1/distribution/lists/:ClientUID/:DistributionListUID/:DistributionItemUID')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Remove Distribution List Item', description: "Removes the client's assignment to the item; the item stays in the list." })
  @ApiOkResponse(TRUE)
  async unassign(
    @Param('ClientUID', new SerialIdPipe('client')) clientId: number,
    @Param('DistributionListUID', new SerialIdPipe('distribution list')) listId: number,
    @Param('DistributionItemUID', new SerialIdPipe('distribution list item')) itemId: number,
  ): Promise<boolean> {
    await this.lists.unassign(clientId, listId, itemId);
    return true;
  }

  @Put('/v1/distribution/lists/:DistributionListUID')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create or Modify List Item', description: "The item's assignments become the body's (AssignedClient, or AssignedClients when it is 0)." })
  @ApiOkResponse(TRUE)
  async saveItem(@Param('DistributionListUID', new SerialIdPipe('distribution list')) listId: number, @Body() dto: SaveDistributionListItemDto): Promise<boolean> {
    await this.lists.saveItem(listId, dto);
    return true;
  }

  @Put('/v1/distribution/lists/:ClientUID/:DistributionListUID/:DistributionListItemUID')
  @Header('Content-Type', 'application/json')
  @ApiOperation({
    summary: 'Assign List Item to Client',
    description: 'Adds the client to the item\'s assignments (the seed labels this section PATCH but its request line is PUT: PUT is served).',
  })
  @ApiOkResponse(TRUE)
  async assign(
    @Param('ClientUID', new SerialIdPipe('client')) clientId: number,
    @Param('DistributionListUID', new SerialIdPipe('distribution list')) listId: number,
    @Param('DistributionListItemUID', new SerialIdPipe('distribution list item')) itemId: number,
  ): Promise<boolean> {
    await this.lists.assign(clientId, listId, itemId);
    return true;
  }
}

/** Extension: the seed has no endpoint creating the list itself. */
@AccountApiController('Distribution lists', { extension: true })
@UseInterceptors(RefusalInterceptor)
export class DistributionListDefinitionsController {
  constructor(private readonly lists: DistributionListsService) {}

  @Put('/v1/distribution/lists')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create or modify a distribution list', description: 'CustomListUID 0 creates. Answers the list id.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 9 } })
  save(@Body() dto: SaveDistributionListDto): Promise<number> {
    return this.lists.saveList(dto);
  }
}
