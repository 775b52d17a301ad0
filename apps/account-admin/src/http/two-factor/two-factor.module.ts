import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LocalSmsProvider, SMS_PROVIDER, SmsProvider, TwilioSmsProvider, TwoFactorService } from '@leadx/accounts-data-access';
import { LOGGER, REDIS, SERVICE_CONFIG } from '@leadx/platform-runtime';
import { AccountAdminConfig } from '../../config/account-admin.config';
import { TwoFactorController } from './two-factor.controller';

/** The SMS_PROVIDER setting's provider: Twilio, or the local recorder (development and tests; refused in production by the config). */
export function smsProviderOf(config: AccountAdminConfig, logger: Logger): SmsProvider {
  if (config.SMS_PROVIDER === 'twilio') {
    return new TwilioSmsProvider(
      { accountSid: config.TWILIO_ACCOUNT_SID, authToken: config.TWILIO_AUTH_TOKEN, from: config.TWILIO_FROM, baseUrl: config.TWILIO_BASE_URL, timeoutMs: config.SMS_PROVIDER_TIMEOUT_MS },
      logger,
    );
  }
  return new LocalSmsProvider();
}

/** Seed 003 2FA SMS codes, sent through the SMS provider the config chooses. */
@Module({
  controllers: [TwoFactorController],
  providers: [
    { provide: SMS_PROVIDER, inject: [SERVICE_CONFIG, LOGGER], useFactory: smsProviderOf },
    { provide: TwoFactorService, inject: [REDIS, SMS_PROVIDER], useFactory: (redis: Redis, sms: SmsProvider) => new TwoFactorService(redis, sms) },
  ],
})
export class TwoFactorModule {}
