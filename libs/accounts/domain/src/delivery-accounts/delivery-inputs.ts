import { SeedDeliveryCriterionInput } from './delivery-criteria';
import { DeliveryDayInput } from './delivery-days';
import { DeliveryAccountStatus, DeliveryAccountType, DeliveryType, storedAccountType } from './delivery-enums';
import { FieldSettingInput } from './delivery-field-settings';
import { DeliveryChecked } from './delivery-input-error';
import { maxFromSeed } from './delivery-maxes';
import { DeliveryMethodSettingsRow } from './delivery-method-rules';
import { DeliveryAccountRow } from './delivery-views';

/** Create or Modify Delivery Account as posted (types checked, enums canonical). Absent: keep (modify) or default (create). */
export interface DeliveryAccountInput {
  ClientAccountUID?: number;
  ClientUID?: number;
  DeliveryUID?: number;
  Price?: number;
  HourMax?: number;
  DayMax?: number;
  MonthMax?: number;
  WeekMax?: number;
  useOrder?: boolean;
  Status?: DeliveryAccountStatus;
  DeliveryDelay?: number;
  Description?: string;
  RedirectURL?: string;
  AutomationEnabled?: boolean;
  AlternatePosting?: number;
  AccountType?: DeliveryAccountType;
  AgentName?: string;
  AgentPhone?: string;
  Criteria?: SeedDeliveryCriterionInput[];
  /** Extension: the lead type of a new account without a DeliveryUID (the seed's payload has none). */
  LeadTypeUID?: number;
}

/** Update Delivery Quantity Maxes: absent keeps the value, 0 (or -1) removes the maximum. */
export interface DeliveryMaxesInput {
  HourMax?: number;
  DailyMax?: number;
  WeeklyMax?: number;
  MonthlyMax?: number;
}

/** Create or Modify Delivery Method as posted (Settings/Mappings already read as FieldSettings/FieldMappings). */
export interface DeliveryMethodInput {
  ClientDeliveryUID?: number;
  ClientUID?: number;
  Type?: DeliveryType;
  Name?: string;
  Status?: boolean;
  inTesting?: boolean;
  LeadTypeUID?: number;
  XML?: string;
  EmailTemplate?: string;
  EmailSubject?: string;
  FTPUser?: string;
  FTPPassword?: string;
  FTPPath?: string;
  EmailAddress?: string;
  useRegEx?: boolean;
  ResponseSearch?: string;
  DeliveryAddress?: string;
  SMTPServer?: string;
  SMTPAuth?: boolean;
  SMTPUsername?: string;
  SMTPPassword?: string;
  fAddress?: string;
  tAddress?: string;
  EmailNotify?: boolean;
  NotifyCC?: string;
  NotifyBCC?: string;
  NotifyEmail?: string;
  LeadCatUID?: number;
  ClientEmail?: string;
  FieldSettings?: FieldSettingInput[];
  DeliveryDays?: DeliveryDayInput[];
}

const orNull = (id: number | undefined, keep: number | null): number | null => (id === undefined ? keep : id === 0 ? null : id);

/** An account's columns after a create (existing undefined) or modify; criteria are handled apart. */
export function mergeDeliveryAccount(existing: DeliveryAccountRow | undefined, input: DeliveryAccountInput, clientId: number, leadTypeId: number): DeliveryAccountRow {
  const e = existing;
  const max = (sent: number | undefined, kept: number | null | undefined) => {
    const v = maxFromSeed(sent);
    return v === undefined ? (kept ?? null) : v;
  };
  return {
    id: e?.id ?? 0,
    clientId,
    leadTypeId,
    name: input.Description ?? e?.name ?? '',
    status: input.Status ?? e?.status ?? 'Open',
    accountType: input.AccountType ? storedAccountType(input.AccountType) : (e?.accountType ?? 'General'),
    price: input.Price ?? e?.price ?? 0,
    hourMax: max(input.HourMax, e?.hourMax),
    dayMax: max(input.DayMax, e?.dayMax),
    weekMax: max(input.WeekMax, e?.weekMax),
    monthMax: max(input.MonthMax, e?.monthMax),
    useOrder: input.useOrder ?? e?.useOrder ?? false,
    deliveryDelaySeconds: input.DeliveryDelay ?? e?.deliveryDelaySeconds ?? 0,
    redirectUrl: input.RedirectURL !== undefined ? input.RedirectURL || null : (e?.redirectUrl ?? null),
    automationEnabled: input.AutomationEnabled ?? e?.automationEnabled ?? true,
    deliveryMethodId: orNull(input.DeliveryUID, e?.deliveryMethodId ?? null),
    alternateDeliveryMethodId: orNull(input.AlternatePosting, e?.alternateDeliveryMethodId ?? null),
    agentName: input.AgentName !== undefined ? input.AgentName || null : (e?.agentName ?? null),
    agentPhone: input.AgentPhone !== undefined ? input.AgentPhone || null : (e?.agentPhone ?? null),
  };
}

/**
 * A method's own settings after a create or modify. Passwords are not part of it: they are sealed
 * apart, and an absent or empty password keeps the stored one (answers never show it, so a client
 * that sends back what it read must not wipe it).
 */
export function mergeDeliveryMethod(existing: DeliveryMethodSettingsRow | undefined, input: DeliveryMethodInput): DeliveryChecked<DeliveryMethodSettingsRow> {
  const type = input.Type ?? existing?.type;
  if (!type) return { ok: false, problems: [{ field: 'Type', message: 'Type: the delivery type is required for a new delivery method' }] };
  const e = existing;
  const text = (sent: string | undefined, kept: string | undefined) => sent ?? kept ?? '';
  const value: DeliveryMethodSettingsRow = {
    type,
    name: text(input.Name, e?.name),
    enabled: input.Status ?? e?.enabled ?? true,
    inTesting: input.inTesting ?? e?.inTesting ?? false,
    leadTypeId: orNull(input.LeadTypeUID, e?.leadTypeId ?? null),
    template: text(input.XML, e?.template),
    emailTemplate: text(input.EmailTemplate, e?.emailTemplate),
    emailSubject: text(input.EmailSubject, e?.emailSubject),
    ftpUser: text(input.FTPUser, e?.ftpUser),
    ftpPath: text(input.FTPPath, e?.ftpPath),
    emailAddress: text(input.EmailAddress, e?.emailAddress),
    useRegex: input.useRegEx ?? e?.useRegex ?? false,
    responseSearch: text(input.ResponseSearch, e?.responseSearch),
    deliveryAddress: text(input.DeliveryAddress, e?.deliveryAddress).trim(),
    smtpServer: text(input.SMTPServer, e?.smtpServer).trim(),
    smtpAuth: input.SMTPAuth ?? e?.smtpAuth ?? false,
    smtpUsername: text(input.SMTPUsername, e?.smtpUsername),
    fromAddress: text(input.fAddress, e?.fromAddress),
    toAddress: text(input.tAddress, e?.toAddress),
    emailNotify: input.EmailNotify ?? e?.emailNotify ?? false,
    notifyCc: text(input.NotifyCC, e?.notifyCc),
    notifyBcc: text(input.NotifyBCC, e?.notifyBcc),
    notifyEmail: text(input.NotifyEmail, e?.notifyEmail),
    leadCategoryId: orNull(input.LeadCatUID, e?.leadCategoryId ?? null),
    clientEmail: text(input.ClientEmail, e?.clientEmail),
    hasFtpPassword: !!input.FTPPassword || (e?.hasFtpPassword ?? false),
    hasSmtpPassword: !!input.SMTPPassword || (e?.hasSmtpPassword ?? false),
  };
  return { ok: true, value };
}
