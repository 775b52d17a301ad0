import { Body, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DuplicateSetsService, DuplicateSetsView, LeadCategoriesService, LeadTypeFieldsService, LeadTypesService } from '@leadx/accounts-data-access';
import { LeadFieldView } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { SaveLeadCategoryDto } from './dto/categories.dto';
import { DuplicateSetsResponse, SaveDuplicateSetsDto } from './dto/duplicate-sets.dto';
import { LeadFieldResponse, SaveLeadFieldsDto } from './dto/lead-field.dto';
import { SaveLeadTypeDto } from './dto/lead-type.dto';
import { assertSameUid, leadTypesCall } from './lead-types.errors';
import { serialUid, UidParam } from './lead-types.params';

const CREATE_OR_MODIFY = 'Send 0 (or omit) the UID to create; answers the id as a bare number.';

/** Extension (the seed has no endpoint for them): writing lead types, fields, duplicate sets, categories. */
@AccountApiController('Lead types', { extension: true })
export class LeadTypesExtensionController {
  constructor(
    private readonly leadTypes: LeadTypesService,
    private readonly fields: LeadTypeFieldsService,
    private readonly duplicateSets: DuplicateSetsService,
    private readonly categories: LeadCategoriesService,
  ) {}

  @Put('/v1/leadtypes')
  @ApiOperation({ summary: 'Create or modify a lead type', description: CREATE_OR_MODIFY })
  @ApiOkResponse({ schema: { type: 'integer', example: 12345 } })
  @ApiNotFoundResponse({ description: 'No such lead type (LeadTypeUID)' })
  save(@Body() dto: SaveLeadTypeDto): Promise<number> {
    return leadTypesCall(() => this.leadTypes.save(dto));
  }

  @Put('/v1/leadtypes/:LeadTypeUID/fields')
  @ApiOperation({
    summary: 'Create, modify or delete fields of a lead type',
    description:
      'Items apply in order, all or nothing. ComputedExpr must compile with the safe expression engine and Validation / InvalidChars ' +
      'with the linear-time pattern engine the receiver uses; a failure is a 400 naming the item (Fields[2].ComputedExpr). ' +
      'Answers the lead type\'s fields as GET /v1/leadtypes/{LeadTypeUID}/fields does.',
  })
  @ApiOkResponse({ type: [LeadFieldResponse] })
  @ApiBadRequestResponse({ description: 'A property is invalid (named in Errors[].Field)' })
  @ApiNotFoundResponse({ description: 'No such lead type, or no such field of it' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  saveFields(@Param('LeadTypeUID') idRaw: string, @Body() dto: SaveLeadFieldsDto): Promise<LeadFieldView[]> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    dto.Fields.forEach((f, i) => assertSameUid(`Fields[${i}].LeadTypeUID`, f.LeadTypeUID, id));
    return leadTypesCall(() => this.fields.save(id, dto.Fields));
  }

  @Get('/v1/leadtypes/:LeadTypeUID/duplicatesets')
  @ApiOperation({ summary: 'Duplicate sets of a lead type', description: 'None listed: the receiver uses the default sets (Email; PrimaryPhone).' })
  @ApiOkResponse({ type: DuplicateSetsResponse })
  @ApiNotFoundResponse({ description: 'No such lead type' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  listDuplicateSets(@Param('LeadTypeUID') idRaw: string): Promise<DuplicateSetsView> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    return leadTypesCall(() => this.duplicateSets.list(id));
  }

  @Put('/v1/leadtypes/:LeadTypeUID/duplicatesets')
  @ApiOperation({
    summary: 'Replace the duplicate sets of a lead type',
    description: 'Sets listed with a DuplicateSetUID are kept and changed, without one created; sets not listed are removed.',
  })
  @ApiOkResponse({ type: DuplicateSetsResponse })
  @ApiNotFoundResponse({ description: 'No such lead type' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  saveDuplicateSets(@Param('LeadTypeUID') idRaw: string, @Body() dto: SaveDuplicateSetsDto): Promise<DuplicateSetsView> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    assertSameUid('LeadTypeUID', dto.LeadTypeUID, id);
    return leadTypesCall(() => this.duplicateSets.replace(id, dto.DuplicateSets));
  }

  @Put('/v1/leadtypes/:LeadTypeUID/categories')
  @ApiOperation({ summary: 'Create, rename or delete a lead category', description: CREATE_OR_MODIFY })
  @ApiOkResponse({ schema: { type: 'integer', example: 12345 } })
  @ApiNotFoundResponse({ description: 'No such lead type, or no such category of it' })
  @UidParam('LeadTypeUID', 'The lead type identifier')
  saveCategory(@Param('LeadTypeUID') idRaw: string, @Body() dto: SaveLeadCategoryDto): Promise<number> {
    const id = serialUid('LeadTypeUID', idRaw, 'lead type');
    return leadTypesCall(() => this.categories.save(id, dto));
  }
}
