import type Redis from 'ioredis';

/**
 * RoundRobin clients' turns: one Redis counter per client, advanced once per scanned lead, so the
 * client's accounts take turns whichever scanner replica scans the lead.
 */
export class RoundRobinTurns {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix = 'leadx:',
  ) {}

  async next(clientId: number): Promise<number> {
    // The first INCR answers 1: turn 0 goes to the first account.
    return (await this.redis.incr(`${this.keyPrefix}rr:client:${clientId}`)) - 1;
  }
}
