import { deliveryDaysFromSeed, deliveryDayToSeed, parseClockTime, parseStaticDate } from './delivery-days';

describe('delivery days', () => {
  it('reads clock times from HH:mm or from the seed\'s date-times, as written', () => {
    expect(parseClockTime('8:05')).toBe('08:05:00');
    expect(parseClockTime('2020-08-25T21:54:05.845Z')).toBe('21:54:05');
    expect(parseClockTime('2020-08-25T09:00:00-05:00')).toBe('09:00:00');
    for (const bad of ['24:00', '12:60', 'noon', '']) expect(parseClockTime(bad)).toBeUndefined();
  });

  it('reads static dates; .NET/SQL Server empty dates mean none; impossible dates are refused', () => {
    expect(parseStaticDate('2024-12-25T00:00:00Z')).toBe('2024-12-25');
    expect(parseStaticDate('12/25/2024')).toBe('2024-12-25');
    expect(parseStaticDate('0001-01-01T00:00:00')).toBeNull();
    expect(parseStaticDate(null)).toBeNull();
    expect(parseStaticDate('2025-02-30')).toBeUndefined();
  });

  it('checks rows and answers them in the seed shape', () => {
    const r = deliveryDaysFromSeed([{ WeekDay: 1, StartTime: '08:00', EndTime: '17:30' }, { StaticDate: '2024-12-25', Allow: false }], new Set());
    if (!r.ok) throw new Error('expected ok');
    expect(r.value[1]).toEqual({ id: 0, weekDay: null, staticDate: '2024-12-25', startTime: '00:00:00', endTime: '23:59:59', allow: false });
    expect(deliveryDayToSeed({ ...r.value[0], id: 3 }, 8)).toEqual({
      DeliveryDayUID: 3,
      DeliveryUID: 8,
      WeekDay: 1,
      StaticDate: null,
      StartTime: '1900-01-01T08:00:00',
      EndTime: '1900-01-01T17:30:00',
      Allow: true,
    });
  });

  it('names the day and property of each problem', () => {
    const r = deliveryDaysFromSeed([{ WeekDay: 1, StartTime: '18:00', EndTime: '08:00' }, {}, { DeliveryDayUID: 5, WeekDay: 2 }], new Set());
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['DeliveryDays[0].EndTime', 'DeliveryDays[1].WeekDay', 'DeliveryDays[2].DeliveryDayUID']);
  });
});
