import { Body, Delete, Get, Header, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { CreatedLeadSourceApiKey, LeadSourceApiKeysService, LeadSourceApiKeyView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { CreateApiKeyDto, CreatedApiKeyDto } from './dto/upsert-lead-source.dto';
import { LeadSourcesErrorInterceptor } from './lead-sources-error.interceptor';
import { LeadSourcesUidPipe } from './lead-sources.params';

/**
 * Extension: a lead source's api-keys for the V2 lead receiver (seed 000 "API Key Settings").
 * The plain key is answered once, at creation; afterwards only its prefix is shown.
 */
@AccountApiController('Lead-source API keys', { extension: true })
@UseInterceptors(LeadSourcesErrorInterceptor)
export class LeadSourceApiKeysController {
  constructor(private readonly keys: LeadSourceApiKeysService) {}

  @Post('/v1/leadsources/:LeadSourceUID/apikeys')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an api-key for the lead source; the key is shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiNotFoundResponse({ description: 'Unknown lead source' })
  create(@Param('LeadSourceUID', new LeadSourcesUidPipe('lead source')) leadSourceId: number, @Body() dto: CreateApiKeyDto): Promise<CreatedLeadSourceApiKey> {
    return this.keys.create(leadSourceId, dto.Label ?? null);
  }

  @Get('/v1/leadsources/:LeadSourceUID/apikeys')
  @ApiOperation({ summary: "List the lead source's api-keys (prefix and label, never the key)" })
  @ApiNotFoundResponse({ description: 'Unknown lead source' })
  list(@Param('LeadSourceUID', new LeadSourcesUidPipe('lead source')) leadSourceId: number): Promise<LeadSourceApiKeyView[]> {
    return this.keys.list(leadSourceId);
  }

  @Delete('/v1/leadsources/:LeadSourceUID/apikeys/:ApiKeyUID')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an api-key; the receiver refuses it within a second' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: 'Unknown lead source, or no active key with that id on it' })
  revoke(
    @Param('LeadSourceUID', new LeadSourcesUidPipe('lead source')) leadSourceId: number,
    @Param('ApiKeyUID', new LeadSourcesUidPipe('api key')) apiKeyId: number,
  ): Promise<void> {
    return this.keys.revoke(leadSourceId, apiKeyId);
  }
}
