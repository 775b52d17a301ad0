import { seedEnum } from '../seed-enum';
import { DistributionListRefusal } from './distribution-list-refusal';

/** Distribution list Status (seed: 1 = Active, 0 = Inactive). */
export const DistributionListStatus = seedEnum('DistributionListStatus', ['Inactive', 'Active'] as const, { Inactive: 0, Active: 1 });
export type DistributionListStatusName = (typeof DistributionListStatus.names)[number];

/**
 * Seed AccountUID: one installation is one LeadExec account (same constant as lead types answer).
 */
export const DISTRIBUTION_LIST_ACCOUNT_UID = 1;

const MAX_CLIENT_ID = 2_147_483_647;
/** More clients than this on one item is a mistake, not a distribution list. */
export const MAX_CLIENTS_PER_LIST_ITEM = 1000;

/**
 * Parses AssignedClients, the seed's pipe-delimited client ids ("12|15|31"). Spaces and empty
 * segments ("12||15|") are tolerated; repeated ids count once; anything else is refused.
 */
export function parseAssignedClients(value: string): number[] {
  const ids: number[] = [];
  for (const raw of value.split('|')) {
    const segment = raw.trim();
    if (segment === '') continue;
    const id = /^\d{1,10}$/.test(segment) ? Number(segment) : NaN;
    if (!(id >= 1 && id <= MAX_CLIENT_ID)) {
      throw new DistributionListRefusal('invalid', `AssignedClients must be client identifiers separated by "|" ("${segment.slice(0, 40)}" is not one)`, 'AssignedClients');
    }
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length > MAX_CLIENTS_PER_LIST_ITEM) {
    throw new DistributionListRefusal('invalid', `AssignedClients holds more than ${MAX_CLIENTS_PER_LIST_ITEM} clients`, 'AssignedClients');
  }
  return ids;
}

/**
 * The clients an item body assigns. AssignedClient non-zero is a single assignment (AssignedClients
 * may repeat that id, as this API answers it, but may not name others); AssignedClient 0 means
 * the multiple assignment of AssignedClients ("" = unassigned).
 */
export function itemClientIds(assignedClient: number, assignedClients: string): number[] {
  const listed = parseAssignedClients(assignedClients);
  if (assignedClient === 0) return listed;
  if (listed.some((id) => id !== assignedClient)) {
    throw new DistributionListRefusal(
      'invalid',
      'AssignedClients names other clients than AssignedClient: send AssignedClient 0 for multiple assignments',
      'AssignedClients',
    );
  }
  return [assignedClient];
}

export interface AssignedClient {
  clientId: number;
  name: string;
}

/** An item's assignment fields in the seed's shape. */
export interface ItemAssignmentView {
  AssignedClient: number;
  AssignedClients: string;
  AssignedName: string;
}

/**
 * One client: AssignedClient is that client (a single assignment). Several: AssignedClient 0 and
 * AssignedClients lists them, in id order; AssignedName lists their names the same way.
 */
export function itemAssignmentView(assigned: readonly AssignedClient[]): ItemAssignmentView {
  const sorted = [...assigned].sort((a, b) => a.clientId - b.clientId);
  return {
    AssignedClient: sorted.length === 1 ? sorted[0].clientId : 0,
    AssignedClients: sorted.map((a) => a.clientId).join('|'),
    AssignedName: sorted.map((a) => a.name).join(', '),
  };
}
