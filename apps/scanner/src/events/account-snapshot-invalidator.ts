import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { AccountSnapshot, accountSnapshotListener } from '@leadx/distribution-data-access';
import { BaseServiceConfig } from '@leadx/platform-config';
import { BroadcastListener } from '@leadx/platform-messaging';
import { KAFKA, LOGGER, SERVICE_CONFIG } from '@leadx/platform-runtime';

/**
 * Drops this replica's account snapshot when the Account API announces a change, so an edited
 * account applies to the next lead instead of after the snapshot's TTL (which stays as the
 * backstop should an event be missed). Every replica listens: a broadcast, not a group.
 */
@Injectable()
export class AccountSnapshotInvalidator implements OnModuleInit, OnModuleDestroy {
  private readonly listener: BroadcastListener<'accounts.config.changed.v1'>;
  private started?: Promise<void>;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(SERVICE_CONFIG) config: BaseServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    snapshot: AccountSnapshot,
  ) {
    this.listener = accountSnapshotListener(snapshot, { kafka, topicPrefix: config.KAFKA_TOPIC_PREFIX, service: 'scanner', logger });
  }

  // Joining the group must not hold up the scanner's start: until it has joined, the TTL applies.
  onModuleInit(): void {
    this.started = this.listener.start().catch((err: unknown) => this.logger.error({ err }, 'config-change listener did not start; the account snapshot falls back to its TTL'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.started;
    await this.listener.stop();
  }
}
