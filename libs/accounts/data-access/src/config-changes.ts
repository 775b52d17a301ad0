import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConfigChangedV1, ConfigEntity } from '@leadx/contracts';
import { Outbox } from '@leadx/platform-messaging';

/**
 * Every Account API write records `accounts.config.changed.v1` in the same transaction as the
 * change (transactional outbox), so services drop their cached copy within a second of the commit
 * and never miss a change that committed.
 */
export class ConfigChanges {
  constructor(private readonly outbox: Outbox) {}

  async record(manager: EntityManager, entity: ConfigEntity, entityId: string | number, change: 'upserted' | 'deleted' = 'upserted'): Promise<void> {
    const id = String(entityId);
    const correlationId = randomUUID();
    await this.outbox.add(manager, 'accounts.config.changed.v1', `${entity}:${id}`, ConfigChangedV1.of({ entity, entityId: id, change }), {
      correlationId,
      causationId: correlationId,
    });
  }
}
