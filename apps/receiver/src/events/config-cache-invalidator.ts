import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ApiKeyAuthenticator, DuplicateDetector, LeadFieldRulesCache, LeadIntakeService } from '@leadx/intake-data-access';
import { BaseServiceConfig } from '@leadx/platform-config';
import { BroadcastListener } from '@leadx/platform-messaging';
import { KAFKA, LOGGER, SERVICE_CONFIG } from '@leadx/platform-runtime';

/**
 * Drops this replica's configuration caches when the Account API announces a change, so a revoked
 * api-key or an edited campaign applies within a second instead of after the caches' TTL (which
 * stays as the backstop should an event be missed). Every replica listens: a broadcast, not a group.
 */
@Injectable()
export class ConfigCacheInvalidator implements OnModuleInit, OnModuleDestroy {
  private readonly listener: BroadcastListener<'accounts.config.changed.v1'>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(SERVICE_CONFIG) config: BaseServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    apiKeys: ApiKeyAuthenticator,
    intake: LeadIntakeService,
    fieldRules: LeadFieldRulesCache,
    duplicates: DuplicateDetector,
  ) {
    this.listener = new BroadcastListener({
      kafka,
      topic: 'accounts.config.changed.v1',
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      service: 'receiver',
      logger,
      onEvent: (change) => {
        // Config changes are rare: dropping a whole cache is cheaper than tracking what depends on what.
        if (change.entity === 'api_key' || change.entity === 'lead_source') apiKeys.forget();
        if (change.entity === 'campaign' || change.entity === 'lead_source') intake.forgetCampaigns();
        if (change.entity === 'lead_type' || change.entity === 'lead_type_field') fieldRules.forget();
        if (change.entity === 'duplicate_set' || change.entity === 'lead_type') duplicates.forget();
      },
    });
  }

  // Joining the group must not hold up the receiver's start: until it has joined, the TTLs apply.
  private started?: Promise<void>;

  onModuleInit(): void {
    this.started = this.listener.start().catch((err: unknown) => this.logger.error({ err }, 'config-change listener did not start; caches fall back to their TTL'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.started;
    await this.listener.stop();
  }
}
