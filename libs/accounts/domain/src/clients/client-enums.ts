import { seedEnum, SeedEnum } from '../seed-enum';

/** Seed 003 ClientStatus, numbered by position (New = 0 … Closed = 9). The scanner sends to 'Active' only. */
export const CLIENT_STATUS = seedEnum('ClientStatus', ['New', 'Pending', 'Working', 'Waiting', 'Dead', 'Inactive', 'Active', 'Late', 'Suspended', 'Closed'] as const);
export type ClientStatus = (typeof CLIENT_STATUS.names)[number];

/** Seed 003 AutomationType: how a client's delivery accounts are chosen between. */
export const CLIENT_AUTOMATION_TYPE = seedEnum('AutomationType', ['Price', 'Priority', 'RoundRobin'] as const);
export type ClientAutomationType = (typeof CLIENT_AUTOMATION_TYPE.names)[number];

/** Seed 003 DataType of a client field. */
export const CLIENT_FIELD_DATA_TYPE = seedEnum('DataType', ['No_DataType', 'Int', 'Bigint', 'Bit', 'Money', 'Decimal', 'Float', 'DateTime', 'Varchar'] as const);
export type ClientFieldDataType = (typeof CLIENT_FIELD_DATA_TYPE.names)[number];

/** Seed 003 SpecialBit: the system meaning of a client field (Company names the client, Email/PrimaryPhone feed the active list). */
export const CLIENT_FIELD_SPECIAL_BIT = seedEnum('SpecialBit', [
  'NoSpecialBit', 'Company', 'FirstName', 'LastName', 'Email', 'PrimaryPhone', 'PrimaryPhoneExt', 'AlternatePhone',
  'AlternatePhoneExt', 'Address', 'City', 'State', 'Zip', 'FaxNumber', 'Comments', 'JobTitle', 'WebSite', 'MobilePhone',
] as const);
export type ClientFieldSpecialBit = (typeof CLIENT_FIELD_SPECIAL_BIT.names)[number];

/** Seed 003 AccountType of "Client Active List by Lead Type" (its own names, not the delivery account's). */
export const ACTIVE_LIST_ACCOUNT_TYPE = seedEnum('AccountType', ['Web', 'Redirect', 'TransferForm', 'PhoneRouting'] as const);
export type ActiveListAccountType = (typeof ACTIVE_LIST_ACCOUNT_TYPE.names)[number];

/**
 * The stored delivery_accounts.account_type values (seed 003 delivery account AccountType:
 * General, Redirect, LiveCall, IVR) each active-list type scans.
 */
export const STORED_ACCOUNT_TYPES: Readonly<Record<ActiveListAccountType, readonly string[]>> = {
  Web: ['General'],
  Redirect: ['Redirect'],
  TransferForm: ['LiveCall'],
  PhoneRouting: ['IVR'],
};

export const ACTIVE_LIST_SORT_BY = seedEnum('SortBy', ['Name', 'Price', 'Priority', 'LastSentDate'] as const);
export type ActiveListSortBy = (typeof ACTIVE_LIST_SORT_BY.names)[number];

const sortDirection = seedEnum('SortDirection', ['Ascending', 'Decending'] as const);
/** Seed 003 SortDirection keeps its spelling "Decending"; the correct "Descending" is accepted too. */
export const ACTIVE_LIST_SORT_DIRECTION: SeedEnum<'Ascending' | 'Decending'> = {
  ...sortDirection,
  parse: (value) => sortDirection.parse(value) ?? (typeof value === 'string' && value.trim().toLowerCase() === 'descending' ? 'Decending' : undefined),
};
export type ActiveListSortDirection = (typeof ACTIVE_LIST_SORT_DIRECTION.names)[number];
