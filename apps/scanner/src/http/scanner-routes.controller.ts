import { Body, Controller, Get, Header, HttpCode, HttpException, HttpStatus, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DistributeLeadService, ScanMatch } from '@leadx/distribution-data-access';

/** Seed 003's scanner routes (forwarded by account-admin, which checked the bearer token). */
export const SERVED_SCANNER_ROUTES = [
  '/v1/delivery/scanner/logs/:LeadUID',
  '/v2/delivery/scanner/general',
  '/v1/clients/scanner/criteria/:LeadTypeUID',
  '/v1/delivery/runautomation/:LeadUID',
  '/v1/delivery/scheduleautomation/:LeadUID',
  '/v1/delivery/autosend',
];

const SCHEDULED = 'Record has been scheduled for automation';

/** The seed's scan types by name (any case, with or without the space) or number, as account_type. */
const SCAN_TYPES: Record<string, string> = { general: 'General', redirect: 'Redirect', livecall: 'LiveCall', ivr: 'IVR', '800ivr': 'IVR', '0': 'General', '1': 'Redirect', '2': 'LiveCall', '3': 'IVR' };

function fail(status: HttpStatus, message: string): never {
  const error = status === HttpStatus.NOT_FOUND ? 'Not Found' : status === HttpStatus.CONFLICT ? 'Conflict' : 'Bad Request';
  throw new HttpException({ StatusCode: status, Error: error, Message: message }, status);
}

function id(raw: unknown, name: string): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,15}$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) fail(HttpStatus.BAD_REQUEST, `${name} must be a positive integer`);
  return n;
}

function object(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) fail(HttpStatus.BAD_REQUEST, 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

function flag(body: Record<string, unknown>, name: string): boolean {
  const v = body[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') fail(HttpStatus.BAD_REQUEST, `${name} must be a boolean`);
  return v;
}

function forceIds(raw: unknown): number[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) fail(HttpStatus.BAD_REQUEST, 'ForceIDs must be an array');
  // Blank entries (the seed's example sends "") are ignored; the rest name delivery accounts.
  const ids = raw.filter((v) => !(typeof v === 'string' && v.trim() === '')).map((v, i) => id(v, `ForceIDs[${i}]`));
  return ids.length ? ids : undefined;
}

@Controller()
export class ScannerRoutesController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scanner: DistributeLeadService,
  ) {}

  @Get('/v1/delivery/scanner/logs/:LeadUID')
  async logs(@Param('LeadUID') leadUid: string): Promise<Array<{ LeadUID: number; ScanDate: string; Log: string }>> {
    const leadId = id(leadUid, 'LeadUID');
    const lines = await this.scanner.logs(this.dataSource.manager, leadId);
    if (!lines) fail(HttpStatus.NOT_FOUND, `lead ${leadId} not found`);
    return lines.map((l) => ({ LeadUID: l.leadId, ScanDate: l.at.toISOString(), Log: l.line }));
  }

  @Post('/v2/delivery/scanner/general')
  @HttpCode(200)
  async general(@Body() raw: unknown): Promise<Array<{ ClientUID: number; ClientAccountUID: number; ClientOrderUID: number; ClientOrderItemUID: number; Automation: boolean }>> {
    const body = object(raw);
    const leadId = id(body['LeadUID'], 'LeadUID');
    const scanType = SCAN_TYPES[String(body['ScanType'] ?? '').replace(/\s+/g, '').toLowerCase()];
    if (!scanType) fail(HttpStatus.BAD_REQUEST, 'ScanType must be General, Redirect, LiveCall or IVR');
    const matches = await this.scanner.preview(this.dataSource.manager, leadId, {
      accountTypes: [scanType],
      automated: flag(body, 'Automated'),
      allowOverMax: flag(body, 'AllowOverMax'),
      ignoreExclusive: flag(body, 'IgnoreExclusive'),
    });
    if (!matches) fail(HttpStatus.NOT_FOUND, `lead ${leadId} not found`);
    return matches.map((m) => ({ ClientUID: m.clientId, ClientAccountUID: m.accountId, ClientOrderUID: m.orderId, ClientOrderItemUID: m.orderItemId, Automation: m.automation }));
  }

  @Post('/v1/clients/scanner/criteria/:LeadTypeUID')
  @HttpCode(200)
  async byCriteria(@Param('LeadTypeUID') leadTypeUid: string, @Body() raw: unknown): Promise<Array<Record<string, string | number>>> {
    const leadTypeId = id(leadTypeUid, 'LeadTypeUID');
    if (!Array.isArray(raw)) fail(HttpStatus.BAD_REQUEST, 'the body must be an array of {Name, Value}');
    const fields: Record<string, string> = {};
    raw.forEach((fv: unknown, i) => {
      const o = fv && typeof fv === 'object' ? (fv as Record<string, unknown>) : {};
      if (typeof o['Name'] !== 'string' || !o['Name'].trim()) fail(HttpStatus.BAD_REQUEST, `[${i}].Name is required`);
      if (o['Value'] !== undefined && o['Value'] !== null && typeof o['Value'] !== 'string' && typeof o['Value'] !== 'number') fail(HttpStatus.BAD_REQUEST, `[${i}].Value must be a string`);
      fields[o['Name'].trim()] = o['Value'] === undefined || o['Value'] === null ? '' : String(o['Value']);
    });
    const clients = await this.scanner.clientsByCriteria(this.dataSource.manager, leadTypeId, fields);
    if (!clients) fail(HttpStatus.NOT_FOUND, `lead type ${leadTypeId} not found`);
    // The platform keeps no client contact details: those properties answer "" (see the README).
    return clients.map((c) => ({
      ClientUID: c.clientId, ClientName: c.clientName, ContactFirstName: '', ContactLastName: '', Address: '', Address2: '', City: '', State: '',
      Country: '', PostalCode: '', PhoneNumber: '', Email: '', Price: c.price, Website: '',
    }));
  }

  @Post('/v1/delivery/runautomation/:LeadUID')
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  runAutomation(@Param('LeadUID') leadUid: string): Promise<string> {
    return this.schedule(id(leadUid, 'LeadUID'), new Date());
  }

  @Post('/v1/delivery/scheduleautomation/:LeadUID')
  @HttpCode(200)
  @Header('content-type', 'text/plain; charset=utf-8')
  scheduleAutomation(@Param('LeadUID') leadUid: string, @Body() raw: unknown): Promise<string> {
    const leadId = id(leadUid, 'LeadUID');
    const at = object(raw)['SendDateUtc'];
    const due = typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at) ? new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(at) ? at : `${at}Z`) : undefined;
    if (!due || Number.isNaN(due.getTime())) fail(HttpStatus.BAD_REQUEST, 'SendDateUtc must be an ISO date-time (UTC)');
    return this.schedule(leadId, due);
  }

  @Post('/v1/delivery/autosend')
  @HttpCode(200)
  async autosend(@Body() raw: unknown): Promise<Record<string, string | number | boolean>> {
    const body = object(raw);
    const leadId = id(body['LeadUID'], 'LeadUID');
    const options = { allowOverMax: flag(body, 'AllowOverMax'), forceIds: forceIds(body['ForceIDs']), correlationId: randomUUID() };
    const result = await this.dataSource.transaction((m) => this.scanner.autosend(m, leadId, options));
    if (result === 'not_found') fail(HttpStatus.NOT_FOUND, `lead ${leadId} not found`);
    const a: Partial<ScanMatch> = 'account' in result ? result.account : {};
    return {
      ClientUID: a.clientId ?? 0, ClientName: a.clientName ?? '', DeliveryAccountUID: a.accountId ?? 0, DeliveryAccountName: a.accountName ?? '',
      OrderUID: a.orderId ?? 0, OrderItemUID: a.orderItemId ?? 0,
      // Delivery is asynchronous (the delivery worker): a request queued is the success answered here.
      isValid: 'account' in result, Status: 'account' in result ? 'Queued' : 'Not Sent', Response: 'stopped' in result ? result.stopped : '',
    };
  }

  private async schedule(leadId: number, due: Date): Promise<string> {
    const result = await this.dataSource.transaction((m) => this.scanner.scheduleAutomation(m, leadId, due, randomUUID()));
    if (result === 'not_found') fail(HttpStatus.NOT_FOUND, `lead ${leadId} not found`);
    if (result !== 'scheduled') fail(HttpStatus.CONFLICT, result.conflict);
    return SCHEDULED;
  }
}
