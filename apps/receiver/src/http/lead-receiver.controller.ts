import { Controller, Get, Inject, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { BatchKind, CallDataRequest, EndpointKind, GeneralRequest, parseRequest, parseStatusRequest, TransferRequest } from '@leadx/intake-domain';
import { DeliveryWaiter, DuplicateCheckQuery, IntakeBatch, IntakeRequestContext, LeadIntakeService, LeadUpdateService, RequestStatusQuery } from '@leadx/intake-data-access';
import { SERVICE_CONFIG } from '@leadx/platform-runtime';
import { ReceiverConfig } from '../config/receiver.config';
import { ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';
import { ReceiverHttpError } from './receiver-http-error';
import { INSERT_GENERAL_JSON_EXAMPLE, INSERT_GENERAL_XML_EXAMPLE, LEAD_RECEIVER_RESULT_EXAMPLE } from './receiver-openapi';
import { negotiate, payloadHash, readRawBody, send } from './receiver-http';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Lead Receiver API v2 (seed 002). Thin: parsing is the wire layer's, decisions the intake lib's. */
@ApiTags('Lead Receiver v2')
@ApiSecurity('api-key')
@ApiConsumes('application/json', 'application/xml')
@ApiProduces('application/json', 'application/xml')
@ApiResponse({ status: 401, description: 'missing, unknown or revoked api-key (seed result shape, isValid=false)' })
@Controller('v2')
@UseGuards(ApiKeyGuard)
export class LeadReceiverController {
  constructor(
    private readonly intake: LeadIntakeService,
    private readonly status: RequestStatusQuery,
    private readonly updates: LeadUpdateService,
    private readonly duplicateCheckQuery: DuplicateCheckQuery,
    private readonly deliveryWaiter: DeliveryWaiter,
    @Inject(SERVICE_CONFIG) private readonly config: ReceiverConfig,
  ) {}

  /** `POST /v2/insert/general`: create leads (batch), one result per lead in order. */
  @ApiOperation({ summary: 'Create lead(s)', description: 'One result per posted lead, in order. A leadId means the lead is committed.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key get the first answer (header Idempotent-Replayed: true)' })
  @ApiBody({
    schema: { type: 'object' },
    examples: { json: { summary: 'JSON', value: INSERT_GENERAL_JSON_EXAMPLE }, xml: { summary: 'XML', value: INSERT_GENERAL_XML_EXAMPLE } },
  })
  @ApiResponse({ status: 200, description: 'LeadReceiverResult', schema: { example: LEAD_RECEIVER_RESULT_EXAMPLE } })
  @ApiResponse({ status: 400, description: 'malformed body, wrong types or hostile XML (seed result shape)' })
  @ApiResponse({ status: 413, description: 'body over MAX_BODY_BYTES' })
  @ApiResponse({ status: 415, description: 'Content-Type other than JSON or XML (URL-encoded is refused)' })
  @ApiResponse({ status: 422, description: 'Idempotency-Key reused with a different body' })
  @Post('insert/general')
  async general(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { formats, body, request } = await this.readRequest(req, 'general');
    const outcome = await this.intake.accept(req.leadSource.leadSourceId, toIntakeBatch('general', request), this.requestContext(req, 'general', body));
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    const mode = outcome.responseMode ?? { waitForDelivery: false, returnSends: false };
    if (!mode.waitForDelivery) {
      send(res, 200, { kind: 'LeadReceiverResult', requestId: outcome.requestId, results: outcome.results }, formats.response);
      return;
    }
    // Deliver before answering: bounded, and the leads are committed whatever happens here.
    const leadIds = outcome.results.filter((r) => r.leadId > 0).map((r) => r.leadId);
    await this.deliveryWaiter.waitForTerminal(leadIds, this.config.SYNC_DELIVERY_WAIT_MS);
    if (!mode.returnSends) {
      send(res, 200, { kind: 'LeadReceiverResult', requestId: outcome.requestId, results: outcome.results }, formats.response);
      return;
    }
    const sends = await this.deliveryWaiter.sendsFor(leadIds);
    const results = outcome.results.map((r) => ({ ...r, sends: sends.get(r.leadId) ?? [] }));
    send(res, 200, { kind: 'SendsReceiverResult', requestId: outcome.requestId, results }, formats.response);
  }

  /** `GET /v2/status/{id}`: the request's results with each lead's current state. */
  @ApiOperation({ summary: 'Status of a lead request', description: "The request's leads with validity, QC and return details, kept current." })
  @ApiParam({ name: 'id', description: 'requestId from the create response' })
  @ApiResponse({ status: 404, description: 'unknown request, or a request of another lead source' })
  @Get('status/:id')
  async requestStatus(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { response } = negotiate(req, false);
    const parsed = parseStatusRequest(req.params['id']);
    if (!parsed.ok) throw new ReceiverHttpError(400, parsed.error, 'status');
    const results = await this.status.byRequest(req.leadSource.leadSourceId, parsed.value.requestId);
    // Another source's request id answers exactly like an unknown one.
    if (!results) throw new ReceiverHttpError(404, { code: 'invalid_field', field: 'id', message: `no request ${parsed.value.requestId}` }, 'status');
    send(res, 200, { kind: 'LeadStatusResult', requestId: parsed.value.requestId, results }, response);
  }

  /** `POST /v2/insert/transfer`: a call transfer; answers with the live-call buyer's agent. */
  @ApiOperation({ summary: 'Create call-transfer lead(s)', description: "Offered to LiveCall accounts only; the answer names the buyer's agent and phone." })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Post('insert/transfer')
  async transfer(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { formats, body, request } = await this.readRequest(req, 'transfer');
    const outcome = await this.intake.accept(req.leadSource.leadSourceId, toIntakeBatch('transfer', request), this.requestContext(req, 'transfer', body));
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    // The caller is holding a live call: wait (bounded) for the transfer to find its buyer.
    const leadIds = outcome.results.filter((r) => r.leadId > 0).map((r) => r.leadId);
    await this.deliveryWaiter.waitForTerminal(leadIds, this.config.SYNC_DELIVERY_WAIT_MS);
    const clients = await this.deliveryWaiter.transferClientsFor(leadIds);
    const results = outcome.results.map((r) => ({ ...r, client: clients.get(r.leadId) ?? [] }));
    send(res, 200, { kind: 'TransferReceiverResult', requestId: outcome.requestId, results }, formats.response);
  }

  /** `POST /v2/insert/calldata`: call leads, with the call's properties stored on the lead. */
  @ApiOperation({ summary: 'Create call lead(s)', description: 'As insert/general, with ivrNumber, callDuration, callResult, callDate and recordingUrl.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Post('insert/calldata')
  async calldata(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { formats, body, request } = await this.readRequest(req, 'calldata');
    const outcome = await this.intake.accept(req.leadSource.leadSourceId, toIntakeBatch('calldata', request), this.requestContext(req, 'calldata', body));
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    send(res, 200, { kind: 'LeadReceiverResult', requestId: outcome.requestId, results: outcome.results }, formats.response);
  }

  /** `POST /v2/insert/ping`: from the campaign's static price until ping auctions exist. */
  @ApiOperation({ summary: 'Inbound ping', description: "willAccept, an orderId the post uses once, orderExpiresOn and the campaign's price as estimatedPayout." })
  @Post('insert/ping')
  async ping(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { formats, request } = await this.readRequest(req, 'ping');
    const results = [];
    for (const lead of request.leads) {
      results.push(await this.intake.ping(req.leadSource.leadSourceId, request.source, lead.fields, this.config.PING_ORDER_TTL_SECONDS));
    }
    send(res, 200, { kind: 'PingReceiverResult', requestId: randomUUID(), results }, formats.response);
  }

  /** `POST /v2/duplicate/check`: would these leads be duplicates? Stores nothing. */
  @ApiOperation({ summary: 'Duplicate check', description: "Uses the lead type's duplicate sets and the campaign's DupDayMax (30 days when unset)." })
  @Post('duplicate/check')
  async duplicateCheck(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { formats, request } = await this.readRequest(req, 'duplicate');
    const results = await this.duplicateCheckQuery.check(req.leadSource.leadSourceId, request.source, request.leads);
    send(res, 200, { kind: 'DuplicateCheckResult', requestId: randomUUID(), results }, formats.response);
  }

  /** `PUT /v2/update`: change fields of the source's own leads; processDelivery starts delivery once. */
  @ApiOperation({ summary: 'Update lead(s)', description: 'Fields of existing leads of this source; processDelivery delivers a lead not yet distributed.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Put('update')
  async update(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const { formats, body, request } = await this.readRequest(req, 'update');
    const outcome = await this.updates.update(
      req.leadSource.leadSourceId,
      {
        source: request.source,
        leads: request.leads.map((l) => ({ leadUID: l.properties.leadUID, processDelivery: l.properties.processDelivery, fields: l.fields })),
      },
      this.requestContext(req, 'update', body),
    );
    if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
    send(res, 200, { kind: 'LeadReceiverResult', requestId: outcome.requestId, results: outcome.results }, formats.response);
  }

  @ApiOperation({ summary: 'Accept an offer (not served yet: 501)' })
  @Put('leads/:leadUID/offers/:offerId/accept')
  acceptOffer(@Req() req: AuthenticatedRequest): void {
    this.notYet(req, 'acceptOffer', 'offer acceptance');
  }

  /** Endpoints of the contract this release does not serve yet: a clear 501, never a silent accept. */
  private notYet(_req: AuthenticatedRequest, kind: EndpointKind, what: string): never {
    throw new ReceiverHttpError(501, { code: 'unsupported', message: `${what} are not enabled on this platform yet` }, kind);
  }

  /** Negotiates formats, reads the body within the limit and parses it as `kind`, or throws 400/413/415. */
  private async readRequest<K extends BatchKind>(req: AuthenticatedRequest, kind: K) {
    const formats = negotiate(req, true);
    const body = await readRawBody(req, this.config.MAX_BODY_BYTES);
    const parsed = parseRequest(kind, formats.request, body);
    if (!parsed.ok) throw new ReceiverHttpError(400, parsed.error, kind);
    return { formats, body, request: parsed.value };
  }

  /** How the request log recognises a retry of this request. */
  private requestContext(req: AuthenticatedRequest, kind: 'general' | 'calldata' | 'transfer' | 'update', body: Buffer): IntakeRequestContext {
    return { endpoint: kind, idempotencyKey: this.idempotencyKey(req, kind), payloadHash: payloadHash(kind, body) };
  }

  private idempotencyKey(req: AuthenticatedRequest, kind: EndpointKind): string | undefined {
    const raw = req.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (key === undefined) return undefined;
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ReceiverHttpError(400, { code: 'invalid_field', field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' }, kind);
    }
    return key;
  }
}



/** The wire request of an insert endpoint as the intake service takes it. */
function toIntakeBatch(kind: 'general' | 'calldata' | 'transfer', request: GeneralRequest | CallDataRequest | TransferRequest): IntakeBatch {
  const { source } = request;
  return {
    kind,
    source: { vid: source.vid, lid: source.lid, aid: source.aid, sendDelay: source.sendDelay, returnURL: source.returnURL },
    leads: request.leads.map(({ fields, properties: p }) => ({
      fields,
      reference: p.reference,
      noSell: p.noSell,
      consentPicks: p.orderId || p.offerIds.length ? p : undefined,
      callProperties:
        'ivrNumber' in p
          ? {
              ivrNumber: p.ivrNumber,
              callDuration: p.callDuration,
              callResult: p.callResult,
              ...(p.callDate ? { callDate: p.callDate } : {}),
              ...(p.recordingUrl ? { recordingUrl: p.recordingUrl } : {}),
            }
          : undefined,
    })),
  };
}
