import { DeliveryInputProblem } from './delivery-input-error';
import { isWebUrl, quoted } from './operator-text';

/** The account properties whose rules depend on each other (after a modify is merged). */
export interface DeliveryAccountRuleInput {
  name: string;
  /** The seed name (Live Call, 800 IVR ...). */
  accountType: string;
  redirectUrl: string | null;
  agentPhone: string | null;
  deliveryMethodId: number | null;
  alternateDeliveryMethodId: number | null;
}

/**
 * A Redirect account sends the consumer's browser to RedirectURL, so it must be an absolute http(s)
 * URL (never `javascript:`); it is not called by the platform, so no SSRF check applies. A Live
 * Call account transfers calls to AgentPhone, so it needs one.
 */
export function deliveryAccountProblems(a: DeliveryAccountRuleInput): DeliveryInputProblem[] {
  const problems: DeliveryInputProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message: `${field}: ${message}` });
  if (!a.name.trim()) fail('Description', 'Description (the account name) is required');
  const redirect = a.redirectUrl?.trim() ?? '';
  if (a.accountType === 'Redirect' && !redirect) fail('RedirectURL', 'a Redirect account needs the RedirectURL to send the consumer to');
  if (redirect && !isWebUrl(redirect)) fail('RedirectURL', `${quoted(redirect)} is not an absolute http(s) URL`);
  if (a.accountType === 'Live Call' && !a.agentPhone?.trim()) fail('AgentPhone', 'a Live Call account needs the AgentPhone calls are transferred to');
  if (a.alternateDeliveryMethodId !== null && a.alternateDeliveryMethodId === a.deliveryMethodId) {
    fail('AlternatePosting', 'AlternatePosting must be another delivery method than DeliveryUID');
  }
  return problems;
}
