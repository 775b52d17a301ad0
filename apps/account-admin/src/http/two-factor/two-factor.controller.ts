import { HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { isTwoFactorCodeFormat, normaliseTwoFactorPhone, TWO_FACTOR_MESSAGES, TWO_FACTOR_POLICY } from '@leadx/accounts-domain';
import { SmsProviderError, TwoFactorSendResult, TwoFactorService } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { AccountApiValidationError } from '../common/account-api.validation';

/** The seed's answer for both endpoints, successful or not. */
export class TwoFactorAnswer {
  @ApiProperty({ example: true }) success!: boolean;
  @ApiProperty({ example: '2 factor message has been sent' }) message!: string;
}

const answer = (success: boolean, message: string): TwoFactorAnswer => ({ success, message });

function phoneOf(raw: string): string {
  const e164 = normaliseTwoFactorPhone(raw);
  if (!e164) {
    throw new AccountApiValidationError([
      { Field: 'phoneNumber', Message: 'phoneNumber must be a valid phone number (10 digits for US numbers, or + and the country code)' },
    ]);
  }
  return e164;
}

/**
 * Seed 003 2FA by SMS. Outcomes the seed does not show answer its shape with success false and a
 * status saying what happened: 400 wrong or no code, 429 too many sends (Retry-After) or too many
 * wrong codes, 400 when the SMS gateway refused the phone, 503 when it failed. A malformed phone
 * number or code is a 400 in the API's error shape, like every other malformed input.
 */
@AccountApiController('2FA')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post('/v1/data/validation/2fa/:phoneNumber/send')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send 2FA SMS Code',
    description: `A 6-digit code valid ${TWO_FACTOR_POLICY.codeTtlSeconds / 60} minutes; a new send replaces it. Per phone: one send per ${TWO_FACTOR_POLICY.resendCooldownSeconds} s, ${TWO_FACTOR_POLICY.maxSendsPerHour} per hour.`,
  })
  @ApiOkResponse({ type: TwoFactorAnswer })
  @ApiResponse({ status: 429, type: TwoFactorAnswer, description: 'Too many codes sent to this phone; see Retry-After' })
  @ApiResponse({ status: 400, type: TwoFactorAnswer, description: 'The SMS gateway refused this phone (not a mobile, unsubscribed, unreachable)' })
  @ApiResponse({ status: 503, type: TwoFactorAnswer, description: 'The SMS gateway failed or timed out: no code was issued; retry' })
  async send(@Param('phoneNumber') phoneNumber: string, @Res({ passthrough: true }) res: Response): Promise<TwoFactorAnswer> {
    const e164 = phoneOf(phoneNumber);
    let sent: TwoFactorSendResult;
    try {
      sent = await this.twoFactor.send(e164);
    } catch (err) {
      if (!(err instanceof SmsProviderError)) throw err;
      // The seed's shape with success false: 400 when the gateway refused this phone, 503 when it failed.
      if (err.kind === 'recipient') {
        res.status(400);
        return answer(false, TWO_FACTOR_MESSAGES.phoneRefused(err.message));
      }
      res.status(503);
      return answer(false, TWO_FACTOR_MESSAGES.sendFailed);
    }
    if (sent.ok) return answer(true, TWO_FACTOR_MESSAGES.sent);
    res.status(429).setHeader('Retry-After', String(sent.retryAfterSeconds));
    return answer(false, TWO_FACTOR_MESSAGES.rateLimited(sent.retryAfterSeconds));
  }

  @Post('/v1/data/validation/2fa/:phoneNumber/verify/:code')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify 2FA SMS Code',
    description: `A right code is used once. Each wrong code counts; the ${TWO_FACTOR_POLICY.maxAttempts}th burns the code (429) and a new one must be sent.`,
  })
  @ApiOkResponse({ type: TwoFactorAnswer })
  @ApiResponse({ status: 400, type: TwoFactorAnswer, description: 'Wrong code (attempts left in the message), or no valid code for this phone' })
  @ApiResponse({ status: 429, type: TwoFactorAnswer, description: 'Too many wrong codes: the code is burnt' })
  async verify(@Param('phoneNumber') phoneNumber: string, @Param('code') code: string, @Res({ passthrough: true }) res: Response): Promise<TwoFactorAnswer> {
    const e164 = phoneOf(phoneNumber);
    if (!isTwoFactorCodeFormat(code)) throw new AccountApiValidationError([{ Field: 'code', Message: 'code must be the 6 digits sent by SMS' }]);
    const result = await this.twoFactor.verify(e164, code);
    if (result.ok) return answer(true, TWO_FACTOR_MESSAGES.verified);
    switch (result.reason) {
      case 'wrong_code':
        res.status(400);
        return answer(false, TWO_FACTOR_MESSAGES.wrongCode(result.attemptsLeft));
      case 'locked':
        res.status(429);
        return answer(false, TWO_FACTOR_MESSAGES.locked);
      case 'no_code':
        res.status(400);
        return answer(false, TWO_FACTOR_MESSAGES.noCode);
    }
  }
}
