import { capLimit, capWindows, isValidTimeZone } from './cap-windows';

const at = (iso: string) => new Date(iso);
const span = (w: { start: Date; end: Date }) => [w.start.toISOString(), w.end.toISOString()];

describe('capWindows', () => {
  it('puts an instant in the calendar day and month of the campaign zone, not of UTC', () => {
    // 04:59:59Z on March 1st is still February 28th, 23:59:59 in New York (UTC-5).
    const w = capWindows(at('2025-03-01T04:59:59Z'), 'America/New_York');
    expect(w.day.id).toBe('2025-02-28');
    expect(span(w.day)).toEqual(['2025-02-28T05:00:00.000Z', '2025-03-01T05:00:00.000Z']);
    expect(w.month.id).toBe('2025-02');
    expect(span(w.month)).toEqual(['2025-02-01T05:00:00.000Z', '2025-03-01T05:00:00.000Z']);

    const next = capWindows(at('2025-03-01T05:00:00Z'), 'America/New_York');
    expect([next.day.id, next.month.id]).toEqual(['2025-03-01', '2025-03']);
  });

  it('gives DST days their true length: 23 hours in spring, 25 in autumn', () => {
    const spring = capWindows(at('2025-03-09T12:00:00Z'), 'America/New_York');
    expect(span(spring.day)).toEqual(['2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z']);
    const autumn = capWindows(at('2025-11-02T12:00:00Z'), 'America/New_York');
    expect(span(autumn.day)).toEqual(['2025-11-02T04:00:00.000Z', '2025-11-03T05:00:00.000Z']);
    // The month that holds the spring change starts in EST and ends in EDT.
    expect(span(spring.month)).toEqual(['2025-03-01T05:00:00.000Z', '2025-04-01T04:00:00.000Z']);
  });

  it('finds the start of a day whose midnight does not exist (Santiago springs forward at 24:00)', () => {
    const w = capWindows(at('2024-09-08T12:00:00Z'), 'America/Santiago');
    expect(w.day.id).toBe('2024-09-08');
    // Local time jumps from 09-07 23:59:59 (-04) to 09-08 01:00 (-03): the day starts at that jump.
    expect(w.day.start.toISOString()).toBe('2024-09-08T04:00:00.000Z');
  });

  it('handles zones with half-hour offsets and east of UTC', () => {
    expect(capWindows(at('2025-01-31T18:29:59Z'), 'Asia/Kolkata').day.id).toBe('2025-01-31');
    const feb = capWindows(at('2025-01-31T18:30:00Z'), 'Asia/Kolkata');
    expect([feb.day.id, feb.month.id, feb.month.start.toISOString()]).toEqual(['2025-02-01', '2025-02', '2025-01-31T18:30:00.000Z']);
  });

  it('rolls a December month over into the next year', () => {
    const w = capWindows(at('2025-12-31T23:00:00Z'), 'UTC');
    expect([w.month.id, w.month.end.toISOString(), w.day.end.toISOString()]).toEqual([
      '2025-12',
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });

  it('counts the hour window in minutes since the epoch', () => {
    expect(capWindows(at('1970-01-01T01:00:59.999Z'), 'UTC').minute).toBe(60);
  });

  it('hands out copies, so a caller cannot corrupt the cached windows', () => {
    const first = capWindows(at('2025-06-15T12:00:00Z'), 'Europe/Berlin');
    first.day.start.setTime(0);
    expect(capWindows(at('2025-06-15T13:00:00Z'), 'Europe/Berlin').day.start.toISOString()).toBe('2025-06-14T22:00:00.000Z');
  });

  it('refuses an unknown zone and an invalid date', () => {
    expect(() => capWindows(at('2025-01-01T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => capWindows(new Date('not a date'), 'UTC')).toThrow('now is not a valid date');
  });
});

describe('isValidTimeZone', () => {
  it.each([['America/New_York', true], ['UTC', true], ['Mars/Olympus_Mons', false], ['', false], ['  ', false], [42, false], [null, false]])(
    '%j -> %j',
    (zone, valid) => expect(isValidTimeZone(zone)).toBe(valid),
  );
});

describe('capLimit', () => {
  it.each([
    [null, 0],
    [undefined, 0],
    [0, 0],
    [-1, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
    [0.5, 0],
    [1, 1],
    [5.9, 5],
    [1000, 1000],
  ])('%p -> %p (0 = no max)', (value, limit) => expect(capLimit(value)).toBe(limit));
});
