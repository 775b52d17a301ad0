/** The services that serve Account API routes on account-admin's behalf. */
export type DelegateService = 'scanner' | 'delivery-worker';

export interface DelegatedRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style path, `:Param` for segments (seed 003's names). */
  path: string;
  service: DelegateService;
}

/**
 * Seed 003 routes that belong to distribution and delivery (endpoints.tsv owners `scanner` and
 * `delivery-worker`). Operators call them on the Account API like every other route; account-admin
 * authenticates the bearer token and forwards the call to the owning service, which holds the logic.
 * One list, read by both sides, so a route cannot be forwarded to a service that does not serve it.
 */
export const DELEGATED_ACCOUNT_ROUTES: readonly DelegatedRoute[] = [
  { method: 'POST', path: '/v2/delivery/scanner/general', service: 'scanner' },
  { method: 'GET', path: '/v1/delivery/scanner/logs/:LeadUID', service: 'scanner' },
  { method: 'POST', path: '/v1/clients/scanner/criteria/:LeadTypeUID', service: 'scanner' },
  { method: 'POST', path: '/v1/delivery/autosend', service: 'scanner' },
  { method: 'POST', path: '/v1/delivery/runautomation/:LeadUID', service: 'scanner' },
  { method: 'POST', path: '/v1/delivery/scheduleautomation/:LeadUID', service: 'scanner' },
  { method: 'POST', path: '/v1/delivery/process', service: 'delivery-worker' },
  { method: 'POST', path: '/v1/delivery/:ClientUID/confirm/:LeadUID', service: 'delivery-worker' },
  { method: 'POST', path: '/v1/delivery/redirectconfirmation', service: 'delivery-worker' },
  { method: 'PUT', path: '/v1/delivery/log', service: 'delivery-worker' },
  { method: 'GET', path: '/v1/delivery/sends/:LeadUID', service: 'delivery-worker' },
];

/** Header carrying the authenticated Account API client id to the delegate service. */
export const DELEGATED_CLIENT_HEADER = 'x-leadx-api-client';
