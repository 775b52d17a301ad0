import type { ClientAutomationType, ClientStatus } from '@leadx/accounts-domain';

/** The clients columns the Account API answers from (never password_hash). */
export const CLIENT_COLUMNS = `c.id, c.name, c.status, c.date_added, c.user_uid, c.time_offset, c.time_zone_name, c.notes,
  c.reseller_uid, c.group_id, c.automation_type, c.priority, c.username, c.override_reassign`;

export interface ClientRow {
  id: number;
  name: string;
  status: string;
  date_added: Date;
  user_uid: number | null;
  time_offset: number | null;
  time_zone_name: string | null;
  notes: string;
  reseller_uid: number | null;
  group_id: number | null;
  automation_type: string;
  priority: number;
  username: string | null;
  override_reassign: boolean;
}

/** Seed 003 "Client Login" answer, without the Password the seed's example echoes. */
export interface ClientInfoView {
  ClientUID: number;
  DateAdded: string;
  Status: ClientStatus;
  InternalUID: number;
  UserUID: number;
  TimeOffset: number;
  Image: string;
  Notes: string;
  IsLocked: boolean;
  LockedBy: number;
  DateLocked: string | null;
  LockedReason: string;
  OutLookUID: string;
  TimeZoneName: string;
  ResellerUID: number;
  GroupUID: number;
  Username: string;
  OverrideReassign: boolean;
}

/** Seed 003 "List Clients" item. */
export interface ClientListItemView extends ClientInfoView {
  AccountUID: number;
  AutomationType: ClientAutomationType;
  Priority: number;
  DeliveryGroupUID: number;
  ShowLeadGrade: boolean;
  ShowLeadSource: boolean;
  ShowCampaign: boolean;
  AllowCalls: boolean;
  AllowReassign: boolean;
  UserAssigned: number;
  UseDeliveryTiers: boolean;
  MFAPhone: string;
  MFAEmail: string;
}

/**
 * Deprecated seed fields (InternalUID, Image, IsLocked, …) answer neutral values so integrations
 * that read them keep working; 0 means "none" for the UID fields, as in the seed.
 */
export function clientInfoView(r: ClientRow): ClientInfoView {
  return {
    ClientUID: r.id,
    DateAdded: r.date_added.toISOString(),
    Status: r.status as ClientStatus,
    InternalUID: 0,
    UserUID: r.user_uid ?? 0,
    TimeOffset: r.time_offset ?? 0,
    Image: '',
    Notes: r.notes,
    IsLocked: false,
    LockedBy: 0,
    DateLocked: null,
    LockedReason: '',
    OutLookUID: '',
    TimeZoneName: r.time_zone_name ?? '',
    ResellerUID: r.reseller_uid ?? 0,
    GroupUID: r.group_id ?? 0,
    Username: r.username ?? '',
    OverrideReassign: r.override_reassign,
  };
}

/** Portal settings the v1 API cannot set answer their off value; UserAssigned mirrors UserUID. */
export function clientListItemView(r: ClientRow): ClientListItemView {
  const info = clientInfoView(r);
  return {
    ...info,
    AccountUID: 0,
    AutomationType: r.automation_type as ClientAutomationType,
    Priority: r.priority,
    DeliveryGroupUID: 0,
    ShowLeadGrade: false,
    ShowLeadSource: false,
    ShowCampaign: false,
    AllowCalls: false,
    AllowReassign: false,
    UserAssigned: info.UserUID,
    UseDeliveryTiers: false,
    MFAPhone: '',
    MFAEmail: '',
  };
}
