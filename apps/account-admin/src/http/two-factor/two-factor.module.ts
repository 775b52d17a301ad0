import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LocalSmsProvider, SMS_PROVIDER, SmsProvider, TwoFactorService } from '@leadx/accounts-data-access';
import { REDIS } from '@leadx/platform-runtime';
import { TwoFactorController } from './two-factor.controller';

/**
 * Seed 003 2FA SMS codes. The SMS provider is the local one (records, sends nothing): no SMS
 * gateway is configured on this platform yet; a real one replaces this provider.
 */
@Module({
  controllers: [TwoFactorController],
  providers: [
    { provide: SMS_PROVIDER, useFactory: (): SmsProvider => new LocalSmsProvider() },
    { provide: TwoFactorService, inject: [REDIS, SMS_PROVIDER], useFactory: (redis: Redis, sms: SmsProvider) => new TwoFactorService(redis, sms) },
  ],
})
export class TwoFactorModule {}
