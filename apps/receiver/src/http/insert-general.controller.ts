import { BadRequestException, Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IntakeBatch, IntakeResult, LeadIntakeService } from '@leadx/intake-data-access';
import { ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';

interface InsertGeneralResponse {
  requestId: string;
  results: IntakeResult[];
}

/** `POST /v2/insert/general` (seed 002 "Create Lead"). */
@Controller('v2/insert')
@UseGuards(ApiKeyGuard)
export class InsertGeneralController {
  constructor(private readonly intake: LeadIntakeService) {}

  @Post('general')
  @HttpCode(200)
  async insertGeneral(@Req() req: AuthenticatedRequest, @Body() body: unknown): Promise<InsertGeneralResponse> {
    const batch = toBatch(body);
    const requestId = randomUUID();
    const results = await this.intake.accept(req.leadSource.leadSourceId, batch, requestId);
    return { requestId, results };
  }
}

/** Minimal JSON mapping of seed 002's request; the full JSON/XML wire layer replaces it. */
function toBatch(body: unknown): IntakeBatch {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException('body must be a JSON object');
  const { source, leads } = body as { source?: Record<string, unknown>; leads?: unknown };
  if (!source || typeof source !== 'object') throw new BadRequestException('source is required');
  if (!Array.isArray(leads) || leads.length === 0) throw new BadRequestException('leads must be a non-empty array');
  const num = (name: string): number | undefined => {
    const v = source[name];
    if (v === undefined || v === null || v === '' || v === 0) return undefined;
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw new BadRequestException(`source.${name} must be a number`);
    return n;
  };
  return {
    source: { vid: num('vid'), lid: num('lid'), aid: num('aid'), sendDelay: num('sendDelay') },
    leads: leads.map((raw, i) => {
      const lead = (raw ?? {}) as { properties?: Record<string, unknown>; fields?: Record<string, unknown> };
      if (!lead.fields || typeof lead.fields !== 'object') throw new BadRequestException(`leads[${i}].fields is required`);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(lead.fields)) {
        if (v !== null && typeof v === 'object') throw new BadRequestException(`leads[${i}].fields.${k} must be a string`);
        fields[k] = v === null || v === undefined ? '' : String(v);
      }
      return {
        fields,
        reference: typeof lead.properties?.['reference'] === 'string' ? lead.properties['reference'] : undefined,
        noSell: lead.properties?.['noSell'] === true,
      };
    }),
  };
}
