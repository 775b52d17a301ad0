/**
 * What the platform pays a lead source for a lead (seed 003 campaign LeadPrice,
 * RevenueSharePercentage, RevenueShareFlatRate; seed 002 results.price).
 *
 * The seed defines revenue share per sale: "the amount per sale that should be attributed to the
 * cost of the lead" (percentage of the sale price) and "the static amount per sale" (flat rate).
 * So a revenue-share campaign pays per sale of the lead, and nothing for a lead that never sells,
 * while any other campaign pays its LeadPrice per lead whether it sells or not.
 *
 * - RevenueSharePercentage set: each sale costs that percentage of its price.
 * - else RevenueShareFlatRate set: each sale costs the flat rate.
 * - else: the lead costs LeadPrice.
 * "Set" means a positive number; null or 0 is unset (the seed's example sends null, and a 0%
 * share would make a campaign pay nothing, which Status or LeadPrice 0 says more plainly). When
 * both are set the percentage wins: the seed offers them as alternatives, and the Account API
 * should refuse both at once.
 * Amounts are rounded to cents, half up.
 */
export interface LeadPricing {
  leadPrice: number;
  revenueSharePercentage?: number | null;
  revenueShareFlatRate?: number | null;
}

export type LeadPriceBasis = 'leadPrice' | 'revenueSharePercentage' | 'revenueShareFlatRate';

function checkAmount(what: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a non-negative number, got ${value}`);
}

function isSet(value: number | null | undefined, what: string): value is number {
  if (value === null || value === undefined) return false;
  checkAmount(what, value);
  return value > 0;
}

/** Cents as an integer, half up; the epsilon absorbs binary noise such as 1.005 * 100 = 100.4999... */
function toCents(amount: number): number {
  return Math.round(amount * 100 + 1e-7);
}

/** Which of the campaign's prices applies. Throws RangeError for negative or non-finite values. */
export function leadPriceBasis(campaign: LeadPricing): LeadPriceBasis {
  const pct = campaign.revenueSharePercentage;
  if (isSet(pct, 'revenueSharePercentage')) {
    if (pct > 100) throw new RangeError(`revenueSharePercentage must be at most 100, got ${pct}`);
    return 'revenueSharePercentage';
  }
  if (isSet(campaign.revenueShareFlatRate, 'revenueShareFlatRate')) return 'revenueShareFlatRate';
  checkAmount('leadPrice', campaign.leadPrice);
  return 'leadPrice';
}

/**
 * The cost of a lead to the platform (the price paid to its source).
 * - Without `salePrice` (at intake, or never sold): LeadPrice, or 0 on a revenue-share campaign,
 *   which pays only when the lead sells. This is seed 002's `results.price`.
 * - With `salePrice` (one sale of the lead): the share of that sale, or LeadPrice when the
 *   campaign has no revenue share (the sale does not change it).
 * For a lead sold several times (MaxSell > 1), use `leadCostForSales`.
 */
export function leadCost(campaign: LeadPricing, salePrice?: number): number {
  const basis = leadPriceBasis(campaign);
  if (salePrice !== undefined) checkAmount('salePrice', salePrice);
  switch (basis) {
    case 'leadPrice':
      return toCents(campaign.leadPrice) / 100;
    case 'revenueSharePercentage':
      if (salePrice === undefined) return 0;
      // Integer cents times integer thousandths of a percent (the column's scale): the product is
      // exact, and a true half-cent divides exactly, so the one rounding is half up as intended.
      return Math.round((toCents(salePrice) * Math.round((campaign.revenueSharePercentage as number) * 1000)) / 100_000) / 100;
    case 'revenueShareFlatRate':
      return salePrice === undefined ? 0 : toCents(campaign.revenueShareFlatRate as number) / 100;
  }
}

/** The cost of a lead given all its sales: LeadPrice once, or the revenue share summed per sale. */
export function leadCostForSales(campaign: LeadPricing, salePrices: readonly number[]): number {
  if (leadPriceBasis(campaign) === 'leadPrice') {
    salePrices.forEach((p) => checkAmount('salePrice', p));
    return leadCost(campaign);
  }
  const cents = salePrices.reduce((sum, p) => sum + toCents(leadCost(campaign, p)), 0);
  return cents / 100;
}
