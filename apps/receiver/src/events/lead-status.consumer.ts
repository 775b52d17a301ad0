import { Injectable, OnModuleInit } from '@nestjs/common';
import { LeadStatusProjector } from '@leadx/intake-data-access';
import { EventConsumer } from '@leadx/platform-messaging';

@Injectable()
export class LeadStatusConsumer implements OnModuleInit {
  private readonly projector = new LeadStatusProjector();

  constructor(private readonly consumer: EventConsumer) {}

  onModuleInit(): void {
    this.consumer
      .on('compliance.lead.screened.v1', (e, ctx) => this.projector.onScreened(e, ctx))
      .on('distribution.lead.completed.v1', (e, ctx) => this.projector.onDistributed(e, ctx));
  }
}
