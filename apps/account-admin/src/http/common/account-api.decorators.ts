import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BearerGuard } from './bearer.guard';

/**
 * An Account API controller: bearer-protected and tagged in OpenAPI. Every controller of this app
 * uses it (a test walks every route without a token and expects 401), so no endpoint is left open.
 * `extension: true` marks endpoints the seed does not define (tag prefixed "Extension").
 */
export function AccountApiController(tag: string, opts: { extension?: boolean } = {}): ClassDecorator {
  return applyDecorators(
    Controller(),
    UseGuards(BearerGuard),
    ApiBearerAuth('bearer'),
    ApiTags(opts.extension ? `Extension: ${tag}` : tag),
    ...(opts.extension ? [ApiExtension('x-leadx-extension', true)] : []),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token' }),
  );
}
