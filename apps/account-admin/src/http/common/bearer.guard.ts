import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokenStore } from '@leadx/accounts-data-access';

export type AuthenticatedRequest = Request & { apiClientId: string };

/**
 * Every Account API endpoint but the token endpoint needs `Authorization: Bearer <access_token>`
 * (seed 003 also names the header `access_token`; both are accepted).
 */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly tokens: AccessTokenStore) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const clientId = await this.tokens.resolve(bearerTokenOf(req));
    if (!clientId) {
      context.switchToHttp().getResponse().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('missing, invalid or expired access token: get one from POST /v1/authorization/token');
    }
    req.apiClientId = clientId;
    return true;
  }
}

function bearerTokenOf(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match?.[1];
  }
  const header = req.headers['access_token'];
  return Array.isArray(header) ? header[0] : header;
}
