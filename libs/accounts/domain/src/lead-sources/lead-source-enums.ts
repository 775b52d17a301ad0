import { seedEnum } from '../seed-enum';

/**
 * Seed 003 source_status (Inactive = 0, Active = 1, OnHold = 2, Suspended = 3, Closed = 4: its
 * position). Only 'Active' sources' api-keys are accepted by the receiver.
 */
export const LEAD_SOURCE_STATUS = seedEnum('source_status', ['Inactive', 'Active', 'OnHold', 'Suspended', 'Closed'] as const);
export type LeadSourceStatus = (typeof LEAD_SOURCE_STATUS.names)[number];

/** Longest portal username; usernames are unique among lead sources regardless of case. */
export const MAX_LEAD_SOURCE_USERNAME_LENGTH = 100;

/**
 * The username as stored: trimmed, blank means none. Uniqueness compares lower(username), so
 * "Acme" and "acme" are the same login.
 */
export function normaliseLeadSourceUsername(raw: string | null | undefined): string | null {
  const trimmed = (raw ?? '').trim();
  return trimmed === '' ? null : trimmed;
}
