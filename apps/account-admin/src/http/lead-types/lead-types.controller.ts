import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { LeadCategoriesService, LeadCategoriesView, LeadTypeFieldsService, LeadTypesService } from '@leadx/accounts-data-access';
import { LeadFieldView, LeadTypeView } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { notFound } from '../common/not-found';
import { CampaignCategoryDto, LeadCategoriesResponse } from './dto/categories.dto';
import { LeadFieldResponse } from './dto/lead-field.dto';
import { LeadTypeResponse } from './dto/lead-type.dto';
import { assertSameUid, leadTypesCall } from './lead-types.errors';
import { bigSerialUid, serialUid, UidParam } from './lead-types.params';

/** Seed 003 lead types: list, properties, the lead type of a lead, its fields and categories. */
@AccountApiController('Lead types')
export class LeadTypesController {
  constructor(
    private readonly leadTypes: LeadTypesService,
    private readonly fields: LeadTypeFieldsService,
    private readonly categories: LeadCategoriesService,
  ) {}

  @Get('/v1/leadtypes')
  @ApiOperation({ summary: 'Lead Type List' })
  @ApiOkResponse({ type: [LeadTypeResponse] })
  list(): Promise<LeadTypeView[]> {
    return this.leadTypes.list();
  }

  @Get('/v1/leadtypes/locate/:LeadUID')
  @ApiOperation({ summary: 'Lead Type For Lead' })
  @ApiOkResponse({ type: LeadTypeResponse })
  @ApiNotFoundResponse({ description: 'No such lead' })
  @UidParam('LeadUID', 'The lead identifier')
  async locate(@Param('LeadUID') leadIdRaw: string): Promise<LeadTypeView> {
    const leadId = bigSerialUid('LeadUID', leadIdRaw, 'lead');
    const view = await this.leadTypes.locate(leadId);
    if (!view) throw notFound('lead', leadId);
    return view;
  }

  @Get('/v1/leadtypes/:LeadTypeUID')
  @ApiOperation({ summary: 'Lead Type Properties' })
  @ApiOkResponse({ type: LeadTypeResponse })
  @ApiNotFoundResponse({ description: 'No such lead type' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  async get(@Param('LeadTypeUID') idRaw: string): Promise<LeadTypeView> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    const view = await this.leadTypes.get(id);
    if (!view) throw notFound('lead type', id);
    return view;
  }

  @Get('/v1/leadtypes/:LeadTypeUID/fields')
  @ApiOperation({ summary: 'Fields for Lead Type', description: 'In definition order (the order computed fields are evaluated in).' })
  @ApiOkResponse({ type: [LeadFieldResponse] })
  @ApiNotFoundResponse({ description: 'No such lead type' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  listFields(@Param('LeadTypeUID') idRaw: string): Promise<LeadFieldView[]> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    return leadTypesCall(() => this.fields.list(id));
  }

  @Get('/v1/leadtypes/:LeadTypeUID/categories')
  @ApiOperation({ summary: 'Lead Categories' })
  @ApiOkResponse({ type: LeadCategoriesResponse })
  @ApiNotFoundResponse({ description: 'No such lead type' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  listCategories(@Param('LeadTypeUID') idRaw: string): Promise<LeadCategoriesView> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    return leadTypesCall(() => this.categories.list(id));
  }
}

/** Seed 003 "Update Category Assignment of a Campaign" (under Lead Sources in the seed). */
@AccountApiController('Lead sources')
export class CampaignCategoryController {
  constructor(private readonly categories: LeadCategoriesService) {}

  @Put('/v1/leadsources/:LeadSourceUID/campaigns/:CampaignUID/category')
  @ApiOperation({ summary: 'Update Category Assignment of a Campaign', description: 'CategoryUID 0 removes the assignment. Answers true.' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  @ApiNotFoundResponse({ description: 'No such campaign of that lead source, or no such category' })
  @UidParam('LeadSourceUID', 'The lead source the campaign belongs to')
  @UidParam('CampaignUID', 'The campaign to assign')
  assign(
    @Param('LeadSourceUID') sourceIdRaw: string,
    @Param('CampaignUID') campaignIdRaw: string,
    @Body() dto: CampaignCategoryDto,
  ): Promise<true> {
    const sourceId = serialUid('LeadSourceUID', sourceIdRaw, 'lead source');
    const campaignId = serialUid('CampaignUID', campaignIdRaw, 'campaign');
    assertSameUid('LeadSourceUID', dto.LeadSourceUID, sourceId);
    assertSameUid('CampaignUID', dto.CampaignUID, campaignId);
    return leadTypesCall(() => this.categories.assignCampaign(sourceId, campaignId, dto.CategoryUID));
  }
}
