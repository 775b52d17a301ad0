import { Body, Get, Header, Param, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import { LeadSourcesService, LeadSourceView } from '@leadx/accounts-data-access';
import { applyPaging, MAX_LEAD_SOURCE_USERNAME_LENGTH } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { AccountApiValidationError } from '../common/account-api.validation';
import { ListLeadSourcesQueryDto, UpsertLeadSourceDto } from './dto/upsert-lead-source.dto';
import { LeadSourcesErrorInterceptor } from './lead-sources-error.interceptor';
import { LeadSourcesUidPipe } from './lead-sources.params';

/** Seed 003 "Lead Sources": list, detail, username check, create or modify. Passwords are never answered. */
@AccountApiController('Lead Sources')
@UseInterceptors(LeadSourcesErrorInterceptor)
export class LeadSourcesController {
  constructor(private readonly sources: LeadSourcesService) {}

  @Get('/v1/leadsources')
  @ApiOperation({ summary: 'List Lead Sources', description: 'Every lead source by id; Skip/Take (extension) page the list when given, and X-Total-Count says how many there are.' })
  async list(@Query() query: ListLeadSourcesQueryDto, @Res({ passthrough: true }) res: Response): Promise<LeadSourceView[]> {
    const paged = query.Skip !== undefined || query.Take !== undefined;
    const page = await this.sources.list(paged ? applyPaging(query.Skip, query.Take) : undefined);
    res.setHeader('X-Total-Count', String(page.total));
    return page.items;
  }

  @Get('/v1/leadsources/usernames/check/:Username')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Check Lead Source Username', description: 'true when no lead source uses the username (compared ignoring case).' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  checkUsername(@Param('Username') username: string): Promise<boolean> {
    if (username.length > MAX_LEAD_SOURCE_USERNAME_LENGTH || username.includes('\u0000')) {
      throw new AccountApiValidationError([{ Field: 'Username', Message: `Username must be at most ${MAX_LEAD_SOURCE_USERNAME_LENGTH} characters, without NUL` }]);
    }
    return this.sources.isUsernameAvailable(username);
  }

  @Get('/v1/leadsources/:vendorUID')
  @ApiOperation({ summary: 'Lead Source Detail', description: 'Password is always null: it is never answered.' })
  @ApiNotFoundResponse({ description: 'Unknown lead source' })
  detail(@Param('vendorUID', new LeadSourcesUidPipe('lead source')) id: number): Promise<LeadSourceView> {
    return this.sources.get(id);
  }

  @Put('/v1/leadsources')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create or Modify Lead Source', description: 'LPVendorUID 0 creates (Name required). Answers the lead source id.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 123456 } })
  @ApiConflictResponse({ description: 'UserName is used by another lead source (any case)' })
  @ApiNotFoundResponse({ description: 'Unknown LPVendorUID' })
  upsert(@Body() dto: UpsertLeadSourceDto): Promise<number> {
    return this.sources.save(dto);
  }
}
