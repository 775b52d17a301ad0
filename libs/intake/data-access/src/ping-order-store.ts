import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** What a ping committed to: the source, campaign and the fields it was priced on. */
export interface PingOrder {
  orderId: string;
  leadSourceId: number;
  campaignId: number;
  fields: Record<string, string>;
  estimatedPayout: number;
  expiresAt: string;
}

export type ConsumeResult = { ok: true; order: PingOrder } | { ok: false; reason: 'unknown_or_expired' | 'not_yours' };

// Atomic get-check-delete: an order is used once, and only by the source that pinged.
const CONSUME = `
local v = redis.call('GET', KEYS[1])
if not v then return 'unknown_or_expired' end
local o = cjson.decode(v)
if tostring(o.leadSourceId) ~= ARGV[1] then return 'not_yours' end
redis.call('DEL', KEYS[1])
return v`;

/** Ping orders in Redis with their TTL (the order's expiry). */
export class PingOrderStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix = 'leadx:',
  ) {}

  async create(order: Omit<PingOrder, 'orderId' | 'expiresAt'>, ttlSeconds: number): Promise<PingOrder> {
    const full: PingOrder = { ...order, orderId: randomUUID(), expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
    await this.redis.set(this.key(full.orderId), JSON.stringify(full), 'EX', ttlSeconds);
    return full;
  }

  async consume(orderId: string, leadSourceId: number): Promise<ConsumeResult> {
    if (!/^[0-9a-f-]{36}$/i.test(orderId)) return { ok: false, reason: 'unknown_or_expired' };
    const reply = (await this.redis.eval(CONSUME, 1, this.key(orderId), String(leadSourceId))) as string;
    if (reply === 'unknown_or_expired' || reply === 'not_yours') return { ok: false, reason: reply };
    return { ok: true, order: JSON.parse(reply) as PingOrder };
  }

  private key(orderId: string): string {
    return `${this.keyPrefix}ping-order:${orderId}`;
  }
}
