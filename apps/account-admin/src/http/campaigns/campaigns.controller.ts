import { Body, Get, Param, Put, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CampaignSaveResult, CampaignsService, CampaignView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { LeadSourcesErrorInterceptor } from '../lead-sources/lead-sources-error.interceptor';
import { LeadSourcesUidPipe } from '../lead-sources/lead-sources.params';
import { UpsertCampaignDto } from './dto/upsert-campaign.dto';

/** Seed 003 "Lead Source Campaign Details" and "Create or Modify Lead Source Campaign". */
@AccountApiController('Lead Sources')
@UseInterceptors(LeadSourcesErrorInterceptor)
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get('/v1/leadsources/:vendorUID/campaigns/:campaignUID')
  @ApiOperation({ summary: 'Lead Source Campaign Details', description: "One campaign of the lead source; another source's campaign is not found." })
  @ApiNotFoundResponse({ description: 'Unknown lead source or campaign, or a campaign of another source' })
  detail(
    @Param('vendorUID', new LeadSourcesUidPipe('lead source')) leadSourceId: number,
    @Param('campaignUID', new LeadSourcesUidPipe('campaign')) campaignId: number,
  ): Promise<CampaignView> {
    return this.campaigns.get(leadSourceId, campaignId);
  }

  @Put('/v1/leadsources/campaigns')
  @ApiOperation({
    summary: 'Create or Modify Lead Source Campaign',
    description: 'VendorAccountUID 0 creates (AccountName and LeadTypeUID required). Rules: VendorRuleUID 0 adds, an existing id changes, Delete: true removes; unmentioned rules stay.',
  })
  @ApiOkResponse({ schema: { example: { success: true, message: 'Campaign has been updated', identifier: 0 } } })
  @ApiNotFoundResponse({ description: 'Unknown lead source, or VendorAccountUID is not a campaign of VendorUID' })
  upsert(@Body() dto: UpsertCampaignDto): Promise<CampaignSaveResult> {
    return this.campaigns.save(dto);
  }
}
