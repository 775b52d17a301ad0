/**
 * A distribution list as it applies to one lead (libs/accounts/data-access/src/distribution-lists):
 * the clients assigned to the item matching the lead's value of the list's field.
 */
export interface DistributionListMatch {
  name: string;
  /** The list's lead field, and the lead's value of it. */
  field: string;
  value: string;
  /** The list applies only when the lead's dependField equals dependValue (no dependField: always). */
  dependField: string | null;
  dependValue: string;
  /** Clients assigned to the matching item (empty: no item matched, or none assigned). */
  assignedClients: number[];
  /** Where the lead goes when no assigned item matches; null: nowhere. */
  defaultClientId: number | null;
}

const key = (v: string | undefined) => (v ?? '').trim().toLowerCase();

/** The lists that apply to a lead: active ones of its type (loaded so) whose depend field matches. */
export function applicableLists(lists: readonly DistributionListMatch[], fields: Readonly<Record<string, string>>): DistributionListMatch[] {
  return lists.filter((l) => !l.dependField || key(fields[l.dependField]) === key(l.dependValue));
}

/**
 * Why a client may not take the lead under the lead's lists, or undefined when every applicable
 * list lets it (each list restricts: a client must be allowed by all of them). Allowed: the clients
 * assigned to the matching item, else the list's default client.
 */
export function distributionListStop(lists: readonly DistributionListMatch[], clientId: number): string | undefined {
  for (const l of lists) {
    const allowed = l.assignedClients.length ? l.assignedClients : l.defaultClientId !== null ? [l.defaultClientId] : [];
    if (!allowed.includes(clientId)) {
      const to = allowed.length ? `client${allowed.length > 1 ? 's' : ''} ${allowed.join(', ')}` : 'no client';
      return `distribution list "${l.name}": ${l.field} "${l.value}" goes to ${to}`;
    }
  }
  return undefined;
}
