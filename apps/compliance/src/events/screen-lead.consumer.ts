import { Injectable, OnModuleInit } from '@nestjs/common';
import { ScreenLeadHandler } from '@leadx/compliance-data-access';
import { EventConsumer, Outbox } from '@leadx/platform-messaging';

@Injectable()
export class ScreenLeadConsumer implements OnModuleInit {
  private readonly handler: ScreenLeadHandler;

  constructor(private readonly consumer: EventConsumer, outbox: Outbox) {
    this.handler = new ScreenLeadHandler(outbox);
  }

  onModuleInit(): void {
    this.consumer.on('intake.lead.accepted.v1', (lead, ctx) => this.handler.handle(lead, ctx));
  }
}
