import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyAuthenticator, AuthenticatedSource } from '@leadx/intake-data-access';
import { ReceiverHttpError } from './receiver-http-error';

export type AuthenticatedRequest = Request & { leadSource: AuthenticatedSource };

/** Every Lead Receiver endpoint needs a valid `api-key` header of an active lead source. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['api-key'];
    const source = await this.authenticator.authenticate(Array.isArray(header) ? header[0] : header);
    if (!source) {
      throw new ReceiverHttpError(401, { code: 'invalid_field', field: 'api-key', message: 'missing, unknown or revoked api-key' });
    }
    req.leadSource = source;
    return true;
  }
}
