import { Body, Delete, Get, HttpCode, Inject, Param, PayloadTooLargeException, Post, Put, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiProperty } from '@nestjs/swagger';
import { applyPaging, decodeAttachmentBase64, leadSearchCriteria, SeedLeadAnalytics, SeedLeadSearchResult } from '@leadx/accounts-domain';
import {
  isVisibleLead,
  LeadAnalyticsService,
  LeadAttachmentsService,
  LeadContactRemovalService,
  LeadDeletionService,
  LeadSearchService,
} from '@leadx/accounts-data-access';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { DataSource } from 'typeorm';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { AccountApiController } from '../common/account-api.decorators';
import { AccountApiValidationError } from '../common/account-api.validation';
import { AuthenticatedRequest } from '../common/bearer.guard';
import { notFound } from '../common/not-found';
import { LeadAttachmentDto } from './dto/lead-attachment.dto';
import { LeadSearchDto } from './dto/lead-search.dto';
import { leadTypeUid, leadUid, visitUid } from './leads.params';

class LeadSearchResultView implements SeedLeadSearchResult {
  @ApiProperty({ example: '2020-08-26T20:13:41.736Z' }) DateReceived!: string;
  @ApiProperty({ example: true }) IsValidPost!: boolean;
  @ApiProperty({ example: 'No_Error', enum: ['No_Error'] }) ResponseType!: 'No_Error';
  @ApiProperty({ example: 'Lead was accepted' }) ResponseDetails!: string;
  @ApiProperty({ example: 1234 }) LeadIdentifier!: number;
  @ApiProperty({ example: 1, description: 'Lead source' }) VID!: number;
  @ApiProperty({ example: 1, description: 'Campaign' }) AID!: number;
  @ApiProperty({ example: 1, description: 'Lead type' }) LID!: number;
  @ApiProperty({ example: false }) PendingQCReview!: boolean;
  @ApiProperty({ example: 12.5 }) Price!: number;
}

class LeadAnalyticsView implements SeedLeadAnalytics {
  @ApiProperty({ example: 1234, description: 'The lead id (the visit is the post that created the lead)' }) TrackingUID!: number;
  @ApiProperty({ example: '5a0c…', description: 'The receiver request that carried the lead' }) VisitUID!: string;
  @ApiProperty({ example: '2020-08-26T20:13:41.743Z', description: 'When the post arrived (UTC)' }) EnterDate!: string;
  @ApiProperty({ example: '2020-08-26T20:13:41.743Z', description: 'When the lead was stored (UTC)' }) ExitDate!: string;
  @ApiProperty({ example: '', description: 'From a UserAgent lead field, if posted' }) UserAgent!: string;
  @ApiProperty({ example: '', description: 'From the IPAddress special-bit field or an IP lead field, if posted' }) IP!: string;
  @ApiProperty({ example: '', description: 'From a landing page / URL lead field, if posted' }) URL!: string;
  @ApiProperty({ example: '' }) Host!: string;
  @ApiProperty({ example: '' }) EnterPage!: string;
  @ApiProperty({ example: '', description: 'Always empty: no visit tracker' }) ExitPage!: string;
  @ApiProperty({ example: '', description: 'From a Referrer lead field, if posted' }) Referrer!: string;
  @ApiProperty({ example: '' }) ReferrerHost!: string;
  @ApiProperty({ example: '' }) SearchEngine!: string;
  @ApiProperty({ example: '' }) SearchTerm!: string;
  @ApiProperty({ example: '' }) Browser!: string;
  @ApiProperty({ example: '' }) OS!: string;
  @ApiProperty({ example: 0, description: 'Always 0: no visit tracker counts pages' }) PageViews!: number;
  @ApiProperty({ example: true, description: 'Always true: no earlier visit is known' }) FirstVisit!: boolean;
}

class LeadOperationAnswer {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiProperty({ example: 'Lead has been scheduled for deletion.' }) message!: string;
}

/** Seed 003 lead operations. A lead scheduled for deletion answers 404 everywhere but DELETE and remove. */
@AccountApiController('Leads')
@ApiNotFoundResponse({ description: 'Unknown lead (or lead type)' })
export class LeadsController {
  constructor(
    private readonly ds: DataSource,
    private readonly search: LeadSearchService,
    private readonly analytics: LeadAnalyticsService,
    private readonly attachments: LeadAttachmentsService,
    private readonly deletions: LeadDeletionService,
    private readonly removal: LeadContactRemovalService,
    @Inject(SERVICE_CONFIG) private readonly config: AccountAdminConfig,
  ) {}

  @Put('/v1/leads/cache/update/:LeadUID')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Update Lead Cache',
    description: 'Reports read leads live (there is no reporting cache to go stale), so this checks the lead and answers 200 OK.',
  })
  async updateCache(@Param('LeadUID', leadUid()) leadId: number): Promise<void> {
    if (!(await isVisibleLead(this.ds, leadId))) throw notFound('lead', leadId);
  }

  @Post('/v1/leads/search/:LeadTypeUID')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search for Lead by Contact Information', description: 'Every given criterion must match; newest first.' })
  @ApiOkResponse({ type: [LeadSearchResultView] })
  async searchLeads(@Param('LeadTypeUID', leadTypeUid()) leadTypeId: number, @Body() dto: LeadSearchDto): Promise<SeedLeadSearchResult[]> {
    const parsed = leadSearchCriteria(dto);
    if (!parsed.ok) throw new AccountApiValidationError([{ Field: parsed.field, Message: parsed.message }]);
    const found = await this.search.search(leadTypeId, parsed.criteria, applyPaging(dto.Skip, dto.Take));
    if (!found) throw notFound('lead type', leadTypeId);
    return found;
  }

  @Get('/v1/leads/analytics/:LeadUID')
  @ApiOperation({ summary: 'Lead Analytics Detail' })
  @ApiOkResponse({ type: LeadAnalyticsView })
  async leadAnalytics(@Param('LeadUID', leadUid()) leadId: number): Promise<SeedLeadAnalytics> {
    const found = await this.analytics.forLead(leadId);
    if (!found) throw notFound('lead', leadId);
    return found;
  }

  @Get('/v1/leads/analytics/visits/:VisitID')
  @ApiOperation({ summary: 'Lead Analytics Detail by VisitID', description: 'VisitID is the TrackingUID, which is the lead id.' })
  @ApiOkResponse({ type: LeadAnalyticsView })
  async visitAnalytics(@Param('VisitID', visitUid()) visitId: number): Promise<SeedLeadAnalytics> {
    const found = await this.analytics.forLead(visitId);
    if (!found) throw notFound('visit', visitId);
    return found;
  }

  @Put('/v1/leads/:LeadUID/attachments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Upload Attachment', description: 'Base64Data decoded is at most LEAD_ATTACHMENT_MAX_BYTES (default 512 KiB).' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than the limit' })
  async upload(@Param('LeadUID', leadUid()) leadId: number, @Body() dto: LeadAttachmentDto, @Req() req: AuthenticatedRequest): Promise<void> {
    const decoded = decodeAttachmentBase64(dto.Base64Data, this.config.LEAD_ATTACHMENT_MAX_BYTES);
    if (!decoded.ok) {
      if (decoded.problem === 'too_large') throw new PayloadTooLargeException(`Base64Data: ${decoded.message}`);
      throw new AccountApiValidationError([{ Field: 'Base64Data', Message: decoded.message }]);
    }
    const id = await this.attachments.upload(leadId, { fileName: dto.FileName, description: dto.Description, bytes: decoded.bytes, uploadedBy: req.apiClientId });
    if (id === undefined) throw notFound('lead', leadId);
  }

  @Delete('/v1/leads/:LeadUID')
  @ApiOperation({
    summary: 'Delete Lead',
    description: 'Schedules the lead for complete deletion and answers at once; a worker deletes it and every row about it once the pipeline is done with it.',
  })
  @ApiOkResponse({ type: LeadOperationAnswer })
  async delete(@Param('LeadUID', leadUid()) leadId: number, @Req() req: AuthenticatedRequest): Promise<LeadOperationAnswer> {
    if (!(await this.deletions.schedule(leadId, req.apiClientId))) throw notFound('lead', leadId);
    return { success: true, message: 'Lead has been scheduled for deletion.' };
  }

  @Delete('/v1/leads/:LeadUID/remove')
  @ApiOperation({ summary: 'Remove Lead', description: 'Strips contact data (names, email, phones, address, IP) from the lead and its copies; keeps the record for reporting.' })
  @ApiOkResponse({ type: LeadOperationAnswer })
  async remove(@Param('LeadUID', leadUid()) leadId: number): Promise<LeadOperationAnswer> {
    if (!(await this.removal.remove(leadId))) throw notFound('lead', leadId);
    return { success: true, message: 'Lead information has been removed.' };
  }
}
