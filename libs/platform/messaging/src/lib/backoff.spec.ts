import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  const noJitter = () => 1; // upper end of the jitter range: exactly the capped exponential delay
  const minJitter = () => 0; // lower end: half of it

  it('doubles from initialMs and caps at maxMs', () => {
    const opts = { initialMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, opts, noJitter))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters within [delay/2, delay]', () => {
    const opts = { initialMs: 100, maxMs: 1_000 };
    expect(backoffDelay(3, opts, minJitter)).toBe(200);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3, opts);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });

  it('never overflows on huge attempt counts and treats attempt < 1 as the first', () => {
    expect(backoffDelay(10_000, { initialMs: 100, maxMs: 5_000 }, noJitter)).toBe(5_000);
    expect(backoffDelay(0, { initialMs: 100, maxMs: 5_000 }, noJitter)).toBe(100);
  });

  it('uses sane defaults', () => {
    expect(backoffDelay(1, {}, noJitter)).toBe(200);
    expect(backoffDelay(100, {}, noJitter)).toBe(30_000);
  });
});

describe('sleep', () => {
  it('returns early when aborted', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const done = sleep(10_000, ac.signal);
    ac.abort();
    await done;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
