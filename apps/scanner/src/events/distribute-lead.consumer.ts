import { Injectable, OnModuleInit } from '@nestjs/common';
import { DistributeLeadService } from '@leadx/distribution-data-access';
import { EventConsumer } from '@leadx/platform-messaging';

@Injectable()
export class DistributeLeadConsumer implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly distribution: DistributeLeadService,
  ) {}

  onModuleInit(): void {
    this.consumer
      .on('compliance.lead.screened.v1', (e, ctx) => this.distribution.onScreened(e, ctx))
      .on('delivery.attempt.completed.v1', (e, ctx) => this.distribution.onDeliveryCompleted(e, ctx));
  }
}
