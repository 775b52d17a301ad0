import { applyPaging, MAX_TAKE } from './paging';
import { seedEnum } from './seed-enum';

describe('seedEnum', () => {
  const status = seedEnum('ClientStatus', ['New', 'Pending', 'Active'] as const);
  const channel = seedEnum('Channel', ['Web', 'PingPost'] as const, { Web: 0, PingPost: 5 });

  it('parses names case-insensitively and answers the canonical spelling', () => {
    expect(status.parse('active')).toBe('Active');
    expect(status.parse(' Pending ')).toBe('Pending');
  });
  it('parses positional numbers, as numbers or numeric strings', () => {
    expect(status.parse(0)).toBe('New');
    expect(status.parse('2')).toBe('Active');
    expect(status.numberOf('Active')).toBe(2);
  });
  it('uses explicit numbers when the seed gives them', () => {
    expect(channel.parse(5)).toBe('PingPost');
    expect(channel.parse(1)).toBeUndefined();
  });
  it('refuses unknown names, out-of-range numbers and other types', () => {
    for (const bad of ['Gone', 7, -1, 1.5, true, null, undefined, {}, '']) expect(status.parse(bad)).toBeUndefined();
  });
});

describe('applyPaging', () => {
  it('clamps Take to the maximum and treats 0 or absent as the maximum page', () => {
    expect(applyPaging(0, 500)).toEqual({ skip: 0, take: MAX_TAKE });
    expect(applyPaging(undefined, undefined)).toEqual({ skip: 0, take: MAX_TAKE });
    expect(applyPaging(10, 20)).toEqual({ skip: 10, take: 20 });
  });
  it('treats a negative Skip as 0', () => {
    expect(applyPaging(-5, 1)).toEqual({ skip: 0, take: 1 });
  });
});
