export * from './campaign-enums';
export * from './campaign-pricing';
export * from './campaign-rules';
export * from './compliance-settings';
export type { CampaignFieldProblem } from './field-problem';
