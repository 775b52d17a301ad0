import { SeedDeliveryCriterion } from './delivery-criteria';
import { DeliveryDayRow, deliveryDayToSeed, SeedDeliveryDay } from './delivery-days';
import { accountTypeOfStored, DeliveryAccountType, DeliveryFieldType, DeliveryType } from './delivery-enums';
import { FieldMappingRow, FieldSettingRow } from './delivery-field-settings';
import { maxToSeed } from './delivery-maxes';
import { DeliveryMethodSettingsRow } from './delivery-method-rules';

export interface SeedFieldMapping {
  DeliveryMappingUID: number;
  Delete: boolean;
  DeliverySettingUID: number;
  DeliveryValue: string;
  FieldValue: string;
}

export interface SeedFieldSetting {
  DeliverySettingUID: number;
  DeliveryUID: number;
  Delete: boolean;
  Format: string;
  FieldType: DeliveryFieldType;
  FieldName: string;
  Value: string;
  LeadFieldUID: number;
  Expr: string;
  hasMap: boolean;
  FieldMappings: SeedFieldMapping[];
}

/** Seed 003 delivery_method (DeliveryDetails). Passwords are never answered: they read "". */
export interface SeedDeliveryMethod {
  ClientDeliveryUID: number;
  ClientUID: number;
  Type: DeliveryType;
  Name: string;
  Status: boolean;
  DateAdded: string;
  inTesting: boolean;
  LeadTypeUID: number;
  XML: string;
  EmailTemplate: string;
  EmailSubject: string;
  FTPUser: string;
  FTPPassword: string;
  FTPPath: string;
  EmailAddress: string;
  useRegEx: boolean;
  ResponseSearch: string;
  DeliveryAddress: string;
  SMTPServer: string;
  SMTPAuth: boolean;
  SMTPUsername: string;
  SMTPPassword: string;
  fAddress: string;
  tAddress: string;
  EmailNotify: boolean;
  NotifyCC: string;
  NotifyBCC: string;
  NotifyEmail: string;
  LeadCatUID: number;
  ClientEmail: string;
  FieldSettings: SeedFieldSetting[];
  DeliveryDays: SeedDeliveryDay[];
}

/** Seed 003's delivery account, as every account endpoint answers it. */
export interface SeedDeliveryAccount {
  ClientAccountUID: number;
  ClientUID: number;
  DeliveryUID: number;
  Price: number;
  HourMax: number;
  DayMax: number;
  MonthMax: number;
  WeekMax: number;
  useOrder: boolean;
  Status: string;
  DeliveryDelay: number;
  Description: string;
  RedirectURL: string;
  AutomationEnabled: boolean;
  AlternatePosting: number;
  AccountType: DeliveryAccountType | string;
  AgentName: string;
  AgentPhone: string;
  Criteria: SeedDeliveryCriterion[];
  DeliveryDetails: SeedDeliveryMethod | null;
}

export interface DeliveryAccountRow {
  id: number;
  clientId: number;
  leadTypeId: number;
  name: string;
  status: string;
  /** The stored spelling (LiveCall, IVR). */
  accountType: string;
  price: number;
  hourMax: number | null;
  dayMax: number | null;
  weekMax: number | null;
  monthMax: number | null;
  useOrder: boolean;
  deliveryDelaySeconds: number;
  redirectUrl: string | null;
  automationEnabled: boolean;
  deliveryMethodId: number | null;
  alternateDeliveryMethodId: number | null;
  agentName: string | null;
  agentPhone: string | null;
}

export interface DeliveryMethodRow extends DeliveryMethodSettingsRow {
  id: number;
  clientId: number;
  createdAt: Date;
}

export interface FieldSettingWithMappings extends FieldSettingRow {
  mappings: FieldMappingRow[];
}

export function deliveryAccountToSeed(a: DeliveryAccountRow, criteria: SeedDeliveryCriterion[], details: SeedDeliveryMethod | null): SeedDeliveryAccount {
  return {
    ClientAccountUID: a.id,
    ClientUID: a.clientId,
    DeliveryUID: a.deliveryMethodId ?? 0,
    Price: a.price,
    HourMax: maxToSeed(a.hourMax),
    DayMax: maxToSeed(a.dayMax),
    MonthMax: maxToSeed(a.monthMax),
    WeekMax: maxToSeed(a.weekMax),
    useOrder: a.useOrder,
    Status: a.status,
    DeliveryDelay: a.deliveryDelaySeconds,
    Description: a.name,
    RedirectURL: a.redirectUrl ?? '',
    AutomationEnabled: a.automationEnabled,
    AlternatePosting: a.alternateDeliveryMethodId ?? 0,
    AccountType: accountTypeOfStored(a.accountType),
    AgentName: a.agentName ?? '',
    AgentPhone: a.agentPhone ?? '',
    Criteria: criteria,
    DeliveryDetails: details,
  };
}

export function deliveryMethodToSeed(m: DeliveryMethodRow, settings: FieldSettingWithMappings[], days: DeliveryDayRow[]): SeedDeliveryMethod {
  return {
    ClientDeliveryUID: m.id,
    ClientUID: m.clientId,
    Type: m.type,
    Name: m.name,
    Status: m.enabled,
    DateAdded: m.createdAt.toISOString(),
    inTesting: m.inTesting,
    LeadTypeUID: m.leadTypeId ?? 0,
    XML: m.template,
    EmailTemplate: m.emailTemplate,
    EmailSubject: m.emailSubject,
    FTPUser: m.ftpUser,
    FTPPassword: '',
    FTPPath: m.ftpPath,
    EmailAddress: m.emailAddress,
    useRegEx: m.useRegex,
    ResponseSearch: m.responseSearch,
    DeliveryAddress: m.deliveryAddress,
    SMTPServer: m.smtpServer,
    SMTPAuth: m.smtpAuth,
    SMTPUsername: m.smtpUsername,
    SMTPPassword: '',
    fAddress: m.fromAddress,
    tAddress: m.toAddress,
    EmailNotify: m.emailNotify,
    NotifyCC: m.notifyCc,
    NotifyBCC: m.notifyBcc,
    NotifyEmail: m.notifyEmail,
    LeadCatUID: m.leadCategoryId ?? 0,
    ClientEmail: m.clientEmail,
    FieldSettings: settings.map((s) => ({
      DeliverySettingUID: s.id,
      DeliveryUID: m.id,
      Delete: false,
      Format: s.format,
      FieldType: s.fieldType,
      FieldName: s.fieldName,
      Value: s.value,
      LeadFieldUID: s.leadFieldId ?? 0,
      Expr: s.expr,
      hasMap: s.hasMap,
      FieldMappings: s.mappings.map((mp) => ({
        DeliveryMappingUID: mp.id,
        Delete: false,
        DeliverySettingUID: s.id,
        DeliveryValue: mp.deliveryValue,
        FieldValue: mp.fieldValue,
      })),
    })),
    DeliveryDays: days.map((d) => deliveryDayToSeed(d, m.id)),
  };
}
