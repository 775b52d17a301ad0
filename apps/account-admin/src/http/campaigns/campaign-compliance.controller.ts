import { Body, Get, Param, Put, UseInterceptors } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation } from '@nestjs/swagger';
import { CampaignComplianceService, CampaignComplianceView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { LeadSourcesErrorInterceptor } from '../lead-sources/lead-sources-error.interceptor';
import { LeadSourcesUidPipe } from '../lead-sources/lead-sources.params';
import { CampaignComplianceDto } from './dto/campaign-compliance.dto';

/**
 * Extension: the campaign's Compliance tab (seed 000 "return client offers") and its screening
 * integrations (seed 004 PureCallerID). API tokens are write-only: answers say ApiTokenSet.
 */
@AccountApiController('Campaign compliance', { extension: true })
@UseInterceptors(LeadSourcesErrorInterceptor)
export class CampaignComplianceController {
  constructor(private readonly compliance: CampaignComplianceService) {}

  @Get('/v1/leadsources/campaigns/:CampaignUID/compliance')
  @ApiOperation({ summary: "A campaign's compliance settings (never the API tokens)" })
  @ApiNotFoundResponse({ description: 'Unknown campaign' })
  get(@Param('CampaignUID', new LeadSourcesUidPipe('campaign')) campaignId: number): Promise<CampaignComplianceView> {
    return this.compliance.get(campaignId);
  }

  @Put('/v1/leadsources/campaigns/:CampaignUID/compliance')
  @ApiOperation({
    summary: "Save a campaign's compliance settings",
    description: 'Integrations is the whole list: listed ones are created (IntegrationUID 0) or updated, unlisted ones removed. Answers the saved settings.',
  })
  @ApiNotFoundResponse({ description: 'Unknown campaign' })
  save(@Param('CampaignUID', new LeadSourcesUidPipe('campaign')) campaignId: number, @Body() dto: CampaignComplianceDto): Promise<CampaignComplianceView> {
    return this.compliance.save(campaignId, dto);
  }
}
