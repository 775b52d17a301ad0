import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { ConfigEntity } from '@leadx/contracts';
import { AccountIndex, AccountView, DeliveryDayRule } from '@leadx/distribution-domain';
import { BroadcastListener } from '@leadx/platform-messaging';

/** An account as scanned: the domain view plus what reserving a max and requesting a delivery need. */
export interface ScannedAccount extends AccountView {
  leadTypeId: number;
  /** delivery_accounts.account_type (General, Redirect, LiveCall, IVR). */
  accountType: string;
  hourMax: number | null;
  dayMax: number | null;
  weekMax: number | null;
  monthMax: number | null;
  /** Takes leads only against an open order item of its client. */
  useOrder: boolean;
  /** delivery_accounts.delivery_delay_seconds: how long the request waits after the scan. */
  deliveryDelaySeconds: number;
  clientName: string;
}

interface AccountRow {
  id: number;
  lead_type_id: number;
  account_type: string;
  client_id: number;
  name: string;
  account_status: string;
  client_status: string;
  price: number;
  priority: number;
  /** As text: the same text maps to the same parsed (and compiled) criteria. */
  criteria: string;
  automation_enabled: boolean;
  time_zone: string;
  automation_type: string;
  client_priority: number;
  hour_max: number | null;
  day_max: number | null;
  week_max: number | null;
  month_max: number | null;
  use_order: boolean;
  delivery_delay_seconds: number;
  client_name: string;
  days: DeliveryDayRule[];
}

/**
 * Parsed criteria by their stored text. Returning the same array for the same text lets the
 * domain's compile cache (keyed by the array) compile an account's criteria once per
 * configuration change instead of once per scanned lead. Bounded: cleared when full.
 */
export class CriteriaTexts {
  private readonly parsed = new Map<string, AccountView['criteria']>();

  constructor(private readonly max = 200_000) {}

  of(text: string): AccountView['criteria'] {
    let criteria = this.parsed.get(text);
    if (!criteria) {
      const value: unknown = JSON.parse(text);
      criteria = Array.isArray(value) ? (value as AccountView['criteria']) : [];
      if (this.parsed.size >= this.max) this.parsed.clear();
      this.parsed.set(text, criteria);
    }
    return criteria;
  }
}

/** Every delivery account of a lead type (any status and account type: the scan's rules decide), with its client and delivery days. */
export async function loadAccounts(m: EntityManager, leadTypeId: number, criteria: CriteriaTexts): Promise<ScannedAccount[]> {
  const rows = (await m.query(
    `SELECT a.id, a.lead_type_id, a.account_type, a.client_id, a.name, a.status AS account_status, c.status AS client_status,
            a.price::float AS price, a.priority, a.criteria::text AS criteria, a.automation_enabled, c.time_zone, c.automation_type,
            c.priority AS client_priority, a.hour_max, a.day_max, a.week_max, a.month_max, a.use_order, a.delivery_delay_seconds, c.name AS client_name,
            coalesce((SELECT json_agg(json_build_object('weekDay', d.week_day, 'staticDate', d.static_date::text,
                        'startTime', d.start_time::text, 'endTime', d.end_time::text, 'allow', d.allow))
                        FROM delivery_method_days d WHERE d.delivery_method_id = a.delivery_method_id), '[]') AS days
       FROM delivery_accounts a JOIN clients c ON c.id = a.client_id
      WHERE a.lead_type_id = $1
      ORDER BY a.id`,
    [leadTypeId],
  )) as AccountRow[];
  return rows.map((r) => ({
    id: r.id, leadTypeId: r.lead_type_id, accountType: r.account_type, clientId: r.client_id, name: r.name, accountStatus: r.account_status,
    clientStatus: r.client_status, price: r.price, priority: r.priority, criteria: criteria.of(r.criteria), automationEnabled: r.automation_enabled,
    timeZone: r.time_zone, deliveryDays: r.days, automationType: r.automation_type, clientPriority: r.client_priority,
    hourMax: r.hour_max, dayMax: r.day_max, weekMax: r.week_max, monthMax: r.month_max, useOrder: r.use_order,
    deliveryDelaySeconds: r.delivery_delay_seconds, clientName: r.client_name,
  }));
}

/** One lead type's accounts and their index by State. */
export interface SnapshotEntry {
  accounts: ScannedAccount[];
  index: AccountIndex<ScannedAccount>;
}

/**
 * This replica's in-memory copy of the delivery accounts, per lead type, loaded lazily by the
 * first scan of the type and dropped when the Account API announces a change
 * (`accountSnapshotListener`), with a short TTL as the backstop for a missed event. It holds the
 * configuration only: what must be fresh per lead (max counters, orders, distribution-list
 * assignments, the lead's assignments) is still read per lead.
 */
export class AccountSnapshot {
  private readonly types = new Map<number, { at: number; entry: Promise<SnapshotEntry> }>();
  private readonly criteria = new CriteriaTexts();

  constructor(
    readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(m: EntityManager, leadTypeId: number): Promise<SnapshotEntry> {
    const hit = this.types.get(leadTypeId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.entry;
    // Concurrent scans of the type share one load; a failed load is not kept.
    const slot = {
      at: this.now(),
      entry: loadAccounts(m, leadTypeId, this.criteria).then((accounts) => ({ accounts, index: new AccountIndex(accounts) })),
    };
    this.types.set(leadTypeId, slot);
    slot.entry.catch(() => {
      if (this.types.get(leadTypeId) === slot) this.types.delete(leadTypeId);
    });
    return slot.entry;
  }

  /** Drops every lead type (config changes are rare: cheaper than tracking what depends on what). A load in flight serves only its own caller. */
  forget(): void {
    this.types.clear();
  }
}

/** The configuration an account snapshot is made of. */
export const SNAPSHOT_ENTITIES: readonly ConfigEntity[] = [
  'delivery_account', 'delivery_method', 'client', 'client_group', 'order', 'distribution_list', 'lead_type', 'lead_type_field',
];

/** Every replica hears every `accounts.config.changed.v1` and drops its snapshot on a change to what it holds. */
export function accountSnapshotListener(
  snapshot: AccountSnapshot,
  opts: { kafka: Kafka; topicPrefix?: string; service: string; logger: Logger },
): BroadcastListener<'accounts.config.changed.v1'> {
  return new BroadcastListener({
    ...opts,
    topic: 'accounts.config.changed.v1',
    onEvent: (change) => {
      if (SNAPSHOT_ENTITIES.includes(change.entity)) snapshot.forget();
    },
  });
}
