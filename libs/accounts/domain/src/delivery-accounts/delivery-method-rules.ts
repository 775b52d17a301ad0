import { DeliveryType } from './delivery-enums';
import { DeliveryInputProblem } from './delivery-input-error';
import { patternProblem, quoted } from './operator-text';

/** A delivery method's own settings (everything but field settings and days), as stored. */
export interface DeliveryMethodSettingsRow {
  type: DeliveryType;
  name: string;
  enabled: boolean;
  inTesting: boolean;
  leadTypeId: number | null;
  template: string;
  emailTemplate: string;
  emailSubject: string;
  ftpUser: string;
  ftpPath: string;
  emailAddress: string;
  useRegex: boolean;
  responseSearch: string;
  deliveryAddress: string;
  smtpServer: string;
  smtpAuth: boolean;
  smtpUsername: string;
  fromAddress: string;
  toAddress: string;
  emailNotify: boolean;
  notifyCc: string;
  notifyBcc: string;
  notifyEmail: string;
  leadCategoryId: number | null;
  clientEmail: string;
  hasFtpPassword: boolean;
  hasSmtpPassword: boolean;
}

/** Types that send the lead to DeliveryAddress over HTTP(S). */
export const HTTP_DELIVERY_TYPES: ReadonlySet<DeliveryType> = new Set(['HTTP POST', 'HTTP GET', 'XML / JSON', 'SOAP', 'PING/POST']);
const EMAIL_DELIVERY_TYPES: ReadonlySet<DeliveryType> = new Set(['E-Mail', 'CSV Attachment', 'Batch Email File Delivery']);

/** An address the platform will connect to, to be checked against SSRF before it is saved. */
export interface OutboundTarget {
  field: string;
  /** An http(s) URL, or for FTP/SMTP a host ("host" or "host:port"). */
  kind: 'url' | 'host';
  value: string;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(?:\.[^\s@<>()[\]\\,;:".]+)+$/;
/** A lead-field placeholder, for addresses taken from the lead (e.g. a confirmation to {Email}). */
const PLACEHOLDER = /^(?:\{[^{}]+\}|\[[^[\]]+\])$/;
const FTP_URL = /^s?ftps?:\/\//i;

/**
 * What the delivery type needs and what is malformed, naming the seed's fields. Network checks
 * (SSRF) are separate: see outboundTargets.
 */
export function deliveryMethodProblems(m: DeliveryMethodSettingsRow): DeliveryInputProblem[] {
  const problems: DeliveryInputProblem[] = [];
  const fail = (field: string, message: string) => problems.push({ field, message: `${field}: ${message}` });
  if (!m.name.trim()) fail('Name', 'Name is required');
  if ((HTTP_DELIVERY_TYPES.has(m.type) || m.type === 'FTP') && !m.deliveryAddress.trim()) {
    fail('DeliveryAddress', `a ${m.type} delivery needs the ${m.type === 'FTP' ? 'FTP server (ftp://host/path)' : 'URL to send to'}`);
  }
  if (EMAIL_DELIVERY_TYPES.has(m.type) && !m.emailAddress.trim() && !m.toAddress.trim()) {
    fail('EmailAddress', `a ${m.type} delivery needs a recipient (EmailAddress or tAddress)`);
  }
  if (m.type === 'SMS Notification' && !m.toAddress.trim() && !m.emailAddress.trim()) {
    fail('tAddress', 'an SMS Notification delivery needs a recipient (tAddress or EmailAddress)');
  }
  for (const [field, value] of [
    ['EmailAddress', m.emailAddress],
    ['fAddress', m.fromAddress],
    ['tAddress', m.type === 'SMS Notification' ? '' : m.toAddress],
    ['NotifyCC', m.notifyCc],
    ['NotifyBCC', m.notifyBcc],
    ['NotifyEmail', m.notifyEmail],
    ['ClientEmail', m.clientEmail],
  ] as const) {
    const bad = addressList(value).find((a) => !EMAIL.test(a) && !PLACEHOLDER.test(a));
    if (bad !== undefined) fail(field, `${quoted(bad)} is not an email address`);
  }
  if (m.smtpAuth && m.smtpServer.trim() && !m.smtpUsername.trim()) fail('SMTPUsername', 'SMTPUsername is required when SMTPAuth is on');
  if (m.useRegex && m.responseSearch) {
    const problem = patternProblem(m.responseSearch);
    if (problem) fail('ResponseSearch', problem);
  }
  return problems;
}

function addressList(value: string): string[] {
  return value.split(/[,;]/).map((a) => a.trim()).filter(Boolean);
}

/** Every address saving this method would make the platform connect to. */
export function outboundTargets(m: DeliveryMethodSettingsRow): OutboundTarget[] {
  const targets: OutboundTarget[] = [];
  const address = m.deliveryAddress.trim();
  if (address) {
    if (m.type === 'FTP' || FTP_URL.test(address)) targets.push({ field: 'DeliveryAddress', kind: 'host', value: hostOf(address) });
    else targets.push({ field: 'DeliveryAddress', kind: 'url', value: address });
  }
  if (m.smtpServer.trim()) targets.push({ field: 'SMTPServer', kind: 'host', value: hostOf(m.smtpServer.trim()) });
  return targets;
}

/** The host[:port] of "ftp://user@host:21/path", "smtp.example.com:587" or a bare host. */
function hostOf(address: string): string {
  const noScheme = address.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = noScheme.split(/[/?#]/, 1)[0];
  return authority.slice(authority.lastIndexOf('@') + 1);
}
