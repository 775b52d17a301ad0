import { CampaignFieldProblem } from './field-problem';

export interface CampaignPricingInput {
  revenueSharePercentage: number | null;
  revenueShareFlatRate: number | null;
}

/**
 * The seed offers RevenueSharePercentage and RevenueShareFlatRate as alternatives ("the amount per
 * sale" vs "the static amount per sale"); the receiver's pricing lets the percentage win when both
 * are set, so the API refuses both at once rather than silently ignoring one. Null or 0 is unset.
 */
export function campaignPricingProblems(p: CampaignPricingInput): CampaignFieldProblem[] {
  if ((p.revenueSharePercentage ?? 0) > 0 && (p.revenueShareFlatRate ?? 0) > 0) {
    return [{ field: 'RevenueShareFlatRate', message: 'RevenueSharePercentage and RevenueShareFlatRate are alternatives: set one (the other null or 0)' }];
  }
  return [];
}
