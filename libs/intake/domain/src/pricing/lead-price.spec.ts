import { leadCost, leadCostForSales, leadPriceBasis, LeadPricing } from './lead-price';

const fixed: LeadPricing = { leadPrice: 12.5, revenueSharePercentage: null, revenueShareFlatRate: null };
const percent: LeadPricing = { leadPrice: 12.5, revenueSharePercentage: 40, revenueShareFlatRate: null };
const flat: LeadPricing = { leadPrice: 12.5, revenueSharePercentage: null, revenueShareFlatRate: 7.25 };

describe('leadCost', () => {
  it('pays LeadPrice for a campaign without revenue share, sold or not', () => {
    expect(leadCost(fixed)).toBe(12.5);
    expect(leadCost(fixed, 80)).toBe(12.5);
    expect(leadCost({ leadPrice: 0 })).toBe(0);
  });

  it('pays a percentage of each sale, and nothing before a sale', () => {
    expect(leadCost(percent)).toBe(0);
    expect(leadCost(percent, 25)).toBe(10);
    expect(leadCost(percent, 0)).toBe(0);
  });

  it('pays a flat rate per sale, and nothing before a sale', () => {
    expect(leadCost(flat)).toBe(0);
    expect(leadCost(flat, 25)).toBe(7.25);
    expect(leadCost(flat, 0)).toBe(7.25);
  });

  it('prefers the percentage when both shares are set', () => {
    expect(leadPriceBasis({ ...percent, revenueShareFlatRate: 7.25 })).toBe('revenueSharePercentage');
    expect(leadCost({ ...percent, revenueShareFlatRate: 7.25 }, 25)).toBe(10);
  });

  it('treats 0 as an unset share, like null and undefined', () => {
    expect(leadPriceBasis({ leadPrice: 3, revenueSharePercentage: 0, revenueShareFlatRate: 0 })).toBe('leadPrice');
    expect(leadCost({ leadPrice: 3, revenueSharePercentage: 0 }, 100)).toBe(3);
    expect(leadPriceBasis({ leadPrice: 3, revenueShareFlatRate: 2 })).toBe('revenueShareFlatRate');
  });

  it('rounds to cents half up, without binary noise', () => {
    // 12.345% of 19.99 = 2.46776... -> 2.47; 50% of 0.01 = half a cent -> 0.01
    expect(leadCost({ leadPrice: 0, revenueSharePercentage: 12.345 }, 19.99)).toBe(2.47);
    expect(leadCost({ leadPrice: 0, revenueSharePercentage: 50 }, 0.01)).toBe(0.01);
    expect(leadCost({ leadPrice: 0, revenueSharePercentage: 10 }, 10.05)).toBe(1.01); // 1.005 -> 1.01
    expect(leadCost({ leadPrice: 1.005 })).toBe(1.01);
    expect(leadCost({ leadPrice: 0, revenueSharePercentage: 100 }, 1234.56)).toBe(1234.56);
  });

  it.each([
    [{ leadPrice: -1 }, undefined, 'leadPrice'],
    [{ leadPrice: Number.NaN }, undefined, 'leadPrice'],
    [{ leadPrice: 1, revenueSharePercentage: -5 }, 10, 'revenueSharePercentage'],
    [{ leadPrice: 1, revenueSharePercentage: 100.001 }, 10, 'at most 100'],
    [{ leadPrice: 1, revenueShareFlatRate: Number.POSITIVE_INFINITY }, 10, 'revenueShareFlatRate'],
    [{ leadPrice: 1 }, -0.01, 'salePrice'],
    [{ leadPrice: 1, revenueSharePercentage: 10 }, Number.NaN, 'salePrice'],
  ] as Array<[LeadPricing, number | undefined, string]>)('refuses %j with sale %p', (campaign, sale, message) => {
    expect(() => leadCost(campaign, sale)).toThrow(RangeError);
    expect(() => leadCost(campaign, sale)).toThrow(message);
  });
});

describe('leadCostForSales', () => {
  it('sums the share over every sale of a lead sold several times', () => {
    expect(leadCostForSales(percent, [25, 30])).toBe(22);
    expect(leadCostForSales(flat, [25, 30, 1])).toBe(21.75);
    expect(leadCostForSales(percent, [])).toBe(0);
  });

  it('charges LeadPrice once, however often the lead sold', () => {
    expect(leadCostForSales(fixed, [25, 30])).toBe(12.5);
    expect(leadCostForSales(fixed, [])).toBe(12.5);
  });

  it('adds cents exactly (no 0.1 + 0.2 drift)', () => {
    expect(leadCostForSales({ leadPrice: 0, revenueShareFlatRate: 0.1 }, [1, 1, 1])).toBe(0.3);
  });

  it('refuses a negative sale even on a LeadPrice campaign', () => {
    expect(() => leadCostForSales(fixed, [10, -1])).toThrow(RangeError);
  });
});
