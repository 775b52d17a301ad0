import { CRITERION_TYPES } from '@leadx/catalog-criteria';
import { SeedEnum, seedEnum } from '../seed-enum';

/** Seed 003 delivery_account_status: numbered 9-12 in the seed. */
export const DELIVERY_ACCOUNT_STATUS = seedEnum('delivery_account_status', ['Closed', 'Suspended', 'OnHold', 'Open'] as const, {
  Closed: 9,
  Suspended: 10,
  OnHold: 11,
  Open: 12,
});
export type DeliveryAccountStatus = (typeof DELIVERY_ACCOUNT_STATUS.names)[number];

const ACCOUNT_TYPE_NAMES = ['General', 'Redirect', 'Live Call', '800 IVR'] as const;
export type DeliveryAccountType = (typeof ACCOUNT_TYPE_NAMES)[number];

/**
 * What delivery_accounts.account_type holds: the scanner's spelling (distribute-lead.service reads
 * 'LiveCall' and 'IVR'), which differs from the seed's display names.
 */
const STORED_ACCOUNT_TYPE: Readonly<Record<DeliveryAccountType, string>> = {
  General: 'General',
  Redirect: 'Redirect',
  'Live Call': 'LiveCall',
  '800 IVR': 'IVR',
};
const ACCOUNT_TYPE_BY_SQUASHED = new Map<string, DeliveryAccountType>([
  ...ACCOUNT_TYPE_NAMES.map((n) => [n.replace(/\s+/g, '').toLowerCase(), n] as const),
  ['livecall', 'Live Call'],
  ['ivr', '800 IVR'],
]);
const accountTypeBase = seedEnum('delivery_account_type', ACCOUNT_TYPE_NAMES);

/** Seed 003 delivery_account_type (0-3). Also accepts the stored spellings `LiveCall` and `IVR`. */
export const DELIVERY_ACCOUNT_TYPE: SeedEnum<DeliveryAccountType> = {
  ...accountTypeBase,
  parse(value: unknown): DeliveryAccountType | undefined {
    return accountTypeBase.parse(value) ?? (typeof value === 'string' ? ACCOUNT_TYPE_BY_SQUASHED.get(value.replace(/\s+/g, '').toLowerCase()) : undefined);
  },
};

export function storedAccountType(type: DeliveryAccountType): string {
  return STORED_ACCOUNT_TYPE[type];
}

/** The seed name of a stored account_type; unknown stored values (written by hand) pass through. */
export function accountTypeOfStored(stored: string): DeliveryAccountType | string {
  return DELIVERY_ACCOUNT_TYPE.parse(stored) ?? stored;
}

/** Seed 003 delivery_type (0-11), named as the seed spells them. */
export const DELIVERY_TYPE = seedEnum('delivery_type', [
  'HTTP POST',
  'HTTP GET',
  'XML / JSON',
  'SalesExec',
  'FTP',
  'E-Mail',
  'CSV Attachment',
  'SOAP',
  'Internal System',
  'PING/POST',
  'Batch Email File Delivery',
  'SMS Notification',
] as const);
export type DeliveryType = (typeof DELIVERY_TYPE.names)[number];

/** Seed 003 field_type of a delivery field setting (0-8). */
export const DELIVERY_FIELD_TYPE = seedEnum('field_type', [
  'Static Value',
  'Lead Field',
  'Special Field',
  'Custom Expr',
  'Sub-String',
  'String Concatenation',
  'Client Field',
  'Lead Source Field',
  'Evaluate Function',
] as const);
export type DeliveryFieldType = (typeof DELIVERY_FIELD_TYPE.names)[number];

/** Seed 003 criteria_type (names only in the seed). */
export const DELIVERY_CRITERIA_TYPE = seedEnum('criteria_type', CRITERION_TYPES);

/** Seed 000: an offer is static (the buyer is the end buyer) or dynamic (read from a ping-post buyer's answer). */
export const CLIENT_OFFER_TYPE = seedEnum('offer_type', ['Static', 'Dynamic'] as const);
export type ClientOfferType = (typeof CLIENT_OFFER_TYPE.names)[number];

/** What the offer's Amount is per (the receiver answers it as the offer's `type`: Monthly or Yearly). */
export const CLIENT_OFFER_DURATION = seedEnum('offer_duration', ['Monthly', 'Yearly'] as const);
export type ClientOfferDuration = (typeof CLIENT_OFFER_DURATION.names)[number];

/** The format of a ping-post buyer's answer that a dynamic offer's paths read. */
export const CLIENT_OFFER_RESPONSE_FORMAT = seedEnum('offer_response_format', ['JSON', 'XML'] as const);
export type ClientOfferResponseFormat = (typeof CLIENT_OFFER_RESPONSE_FORMAT.names)[number];
