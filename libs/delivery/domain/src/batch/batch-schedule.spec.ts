import { batchDue, BatchDayRule, clientClock, toCsvRows } from './batch-schedule';

const rule = (r: Partial<BatchDayRule>): BatchDayRule => ({ weekDay: null, staticDate: null, startTime: '00:00', endTime: '23:59:59', allow: true, ...r });

describe('batchDue', () => {
  // Monday 2026-11-23 15:30 UTC = 09:30 in Chicago.
  const now = new Date('2026-11-23T15:30:00Z');
  it('reads the client clock', () => {
    expect(clientClock(now, 'America/Chicago')).toEqual({ date: '2026-11-23', weekDay: 1, secondOfDay: 9 * 3600 + 30 * 60 });
  });
  it('sends every pass without rules, and inside an allowing window only', () => {
    expect(batchDue([], now, 'America/Chicago')).toBe(true);
    expect(batchDue([rule({ weekDay: 1, startTime: '09:00', endTime: '10:00' })], now, 'America/Chicago')).toBe(true);
    expect(batchDue([rule({ weekDay: 1, startTime: '10:00', endTime: '11:00' })], now, 'America/Chicago')).toBe(false);
    expect(batchDue([rule({ weekDay: 2 })], now, 'America/Chicago')).toBe(false);
  });
  it('lets a static date replace the weekday and a refusal hold the batch', () => {
    expect(batchDue([rule({ weekDay: 1 }), rule({ staticDate: '2026-11-23', allow: false })], now, 'America/Chicago')).toBe(false);
    expect(batchDue([rule({ weekDay: 1, startTime: '09:00', endTime: '09:15', allow: false })], now, 'America/Chicago')).toBe(true);
  });
});

describe('toCsvRows', () => {
  it('writes one header of every name and one row per lead, escaping cells', () => {
    const csv = toCsvRows([
      [{ name: 'first', value: 'Ada' }, { name: 'note', value: '=1+1' }],
      [{ name: 'first', value: 'Grace, "G"' }, { name: 'zip', value: '73301' }],
    ]);
    expect(csv).toBe('first,note,zip\r\nAda,\'=1+1,\r\n"Grace, ""G""",,73301\r\n');
  });
});
