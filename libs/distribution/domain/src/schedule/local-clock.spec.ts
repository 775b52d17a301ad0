import { localClock, maxLimit, maxWindows } from './local-clock';

describe('localClock and maxWindows', () => {
  it("names the hour, day, ISO week and month on the client's clock", () => {
    // 2026-11-23 02:30 UTC is still Sunday 22nd in New York.
    const clock = localClock(new Date('2026-11-23T02:30:00Z'), 'America/New_York');
    expect(clock).toMatchObject({ date: '2026-11-22', weekDay: 0, hour: 21 });
    expect(maxWindows(clock)).toEqual({ hour: '2026-11-22T21', day: '2026-11-22', week: '2026-11-16', month: '2026-11' });
    expect(maxWindows(localClock(new Date('2026-11-23T02:30:00Z'), 'UTC')).week).toBe('2026-11-23');
  });

  it('reads -1, 0 and null as no max', () => {
    expect([maxLimit(-1), maxLimit(0), maxLimit(null), maxLimit(undefined), maxLimit(3)]).toEqual([0, 0, 0, 0, 3]);
  });
});
