import { IsBoolean, IsInt, Min } from 'class-validator';
import { BaseServiceConfig } from '@leadx/platform-config';

export class ReceiverConfig extends BaseServiceConfig {
  override SERVICE_NAME = 'receiver';
  override PORT = 3001;
  /** The receiver is the busiest database client: every post is one transaction. */
  override DATABASE_POOL_SIZE = 20;
  /** Largest request body accepted, in bytes; larger gets 413 in the seed's result shape. */
  @IsInt() @Min(1024) MAX_BODY_BYTES = 1_048_576;
  /** How long an api-key lookup (hit or miss) is cached in-process. */
  @IsInt() @Min(0) API_KEY_CACHE_MS = 5_000;
  /** Let returnURL callbacks reach loopback/private networks. Local development and tests only. */
  @IsBoolean() RETURN_URL_ALLOW_PRIVATE = false;
  /** Longest wait for delivery before answering (UseDeliveryQueue off / AllowSendResponse). */
  @IsInt() @Min(100) SYNC_DELIVERY_WAIT_MS = 10_000;
  /** How long a ping's order can be used by the post (orderExpiresOn). */
  @IsInt() @Min(10) PING_ORDER_TTL_SECONDS = 300;
  /** How often due returnURL callbacks are looked for. */
  @IsInt() @Min(50) RETURN_URL_POLL_MS = 1_000;
}
