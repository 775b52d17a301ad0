import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessTokenStore, ApiClientStore } from '@leadx/accounts-data-access';

/** Seed 003 Authentication response; `error` is null on success. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  error: string | null;
  error_description?: string;
}

@ApiTags('Authentication')
@Controller()
export class TokenController {
  constructor(
    private readonly clients: ApiClientStore,
    private readonly tokens: AccessTokenStore,
  ) {}

  @Post('/v1/authorization/token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get an access token (OAuth2 client_credentials)',
    description: 'JSON as in the seed, or application/x-www-form-urlencoded as RFC 6749 has it. The token is valid for 3600 s.',
  })
  @ApiBody({
    schema: {
      example: { client_id: '00000000-0000-0000-0000-000000000000', client_secret: 'lxs_…', grant_type: 'client_credentials' },
    },
  })
  @ApiOkResponse({ schema: { example: { access_token: '…', token_type: 'Bearer', expires_in: 3600, error: null } } })
  @ApiUnauthorizedResponse({ description: 'error = invalid_client' })
  async token(@Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<TokenResponse> {
    const fail = (status: number, error: string, description: string): TokenResponse => {
      res.status(status);
      return { access_token: '', token_type: 'Bearer', expires_in: 0, error, error_description: description };
    };
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    if (b['grant_type'] !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    if (typeof b['client_id'] !== 'string' || typeof b['client_secret'] !== 'string') {
      return fail(400, 'invalid_request', 'client_id and client_secret are required strings');
    }
    const clientId = await this.clients.verify(b['client_id'], b['client_secret']);
    if (!clientId) return fail(401, 'invalid_client', 'unknown client, wrong secret or revoked client');
    const { token, expiresIn } = await this.tokens.issue(clientId);
    res.setHeader('Cache-Control', 'no-store');
    return { access_token: token, token_type: 'Bearer', expires_in: expiresIn, error: null };
  }
}
