import { DELIVERY_KIND_BY_SEED_TYPE, DeliveryMethodKind, DeliveryMethodSettings } from '@leadx/catalog-data-access';
import { DeliveryMethodRow, DeliveryType, SeedDeliveryMethod } from '@leadx/accounts-domain';

/** Seed delivery_type → the worker's kind (the one table the worker reads methods with too). */
const KIND = DELIVERY_KIND_BY_SEED_TYPE as Readonly<Record<DeliveryType, DeliveryMethodKind>>;

/**
 * What delivery_accounts.delivery_method holds for an account whose method is `m`: the worker's
 * `{type, url, responseSearch?, timeoutMs?}` plus the seed's extra facts. A timeoutMs set before
 * (the demo catalog, by hand) is kept: the seed has no such field.
 */
export function projectDeliveryMethod(m: DeliveryMethodRow, alternateId: number | null, previous: Record<string, unknown>): DeliveryMethodSettings {
  const p: DeliveryMethodSettings = {
    type: KIND[m.type],
    url: m.deliveryAddress,
    deliveryMethodId: m.id,
    seedType: m.type,
    enabled: m.enabled,
    inTesting: m.inTesting,
  };
  const timeoutMs = previous['timeoutMs'];
  if (typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0) p.timeoutMs = timeoutMs;
  if (m.responseSearch) {
    p.responseSearch = m.responseSearch;
    if (m.useRegex) p.responseSearchIsRegex = true;
  }
  if (alternateId !== null) p.alternateDeliveryMethodId = alternateId;
  return p;
}

/**
 * DeliveryDetails for an account written before delivery methods existed (demo catalog, by hand):
 * the projection read back, with ClientDeliveryUID 0 since there is no method row.
 */
export function legacyDeliveryDetails(clientId: number, leadTypeId: number, projection: Record<string, unknown>): SeedDeliveryMethod | null {
  if (typeof projection['url'] !== 'string' || !projection['url']) return null;
  const kind = projection['type'];
  const type = (Object.keys(KIND) as DeliveryType[]).find((t) => KIND[t] === kind) ?? 'XML / JSON';
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ClientDeliveryUID: 0,
    ClientUID: clientId,
    Type: type,
    Name: '',
    Status: projection['enabled'] !== false,
    DateAdded: new Date(0).toISOString(),
    inTesting: projection['inTesting'] === true,
    LeadTypeUID: leadTypeId,
    XML: '',
    EmailTemplate: '',
    EmailSubject: '',
    FTPUser: '',
    FTPPassword: '',
    FTPPath: '',
    EmailAddress: '',
    useRegEx: projection['responseSearchIsRegex'] === true,
    ResponseSearch: text(projection['responseSearch']),
    DeliveryAddress: projection['url'],
    SMTPServer: '',
    SMTPAuth: false,
    SMTPUsername: '',
    SMTPPassword: '',
    fAddress: '',
    tAddress: '',
    EmailNotify: false,
    NotifyCC: '',
    NotifyBCC: '',
    NotifyEmail: '',
    LeadCatUID: 0,
    ClientEmail: '',
    FieldSettings: [],
    DeliveryDays: [],
  };
}
