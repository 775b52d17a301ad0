import { ClientOfferDuration, ClientOfferResponseFormat, ClientOfferType } from './delivery-enums';
import { checked, DeliveryChecked, DeliveryInputProblem } from './delivery-input-error';
import { offerPathProblem } from './offer-paths';
import { isWebUrl, quoted } from './operator-text';

/** The offer fields of seed 000, in the Account API's PascalCase. */
export const OFFER_FIELDS = [
  'OfferId',
  'CompanyName',
  'CompanyPhoneNumber',
  'Name',
  'Description',
  'URL',
  'ImageURL',
  'PrivacyURL',
  'TermsURL',
  'Duration',
  'Amount',
  'TCPAConsentText',
  'CustomTCPATextRequired',
] as const;
export type OfferField = (typeof OFFER_FIELDS)[number];

/** A dynamic offer: where each offer field is found in a ping-post buyer's answer. */
export interface DynamicOfferMapping {
  ResponseFormat: ClientOfferResponseFormat;
  /** Selects the offers in the answer (each match is one offer); field paths are relative to it. */
  OffersPath: string;
  Fields: Partial<Record<OfferField, string>>;
}

/** One client offer (static or dynamic) as posted and answered. Static fields are a dynamic offer's defaults. */
export interface ClientOfferView {
  OfferUID: number;
  DeliveryAccountUID: number;
  Type: ClientOfferType;
  Enabled: boolean;
  CompanyName: string;
  CompanyPhoneNumber: string;
  Name: string;
  Description: string;
  URL: string;
  ImageURL: string;
  PrivacyURL: string;
  TermsURL: string;
  Duration: ClientOfferDuration;
  Amount: number;
  TCPAConsentText: string;
  CustomTCPATextRequired: boolean;
  DynamicMapping: DynamicOfferMapping | null;
}

export type ClientOfferInput = Partial<Omit<ClientOfferView, 'DeliveryAccountUID' | 'DynamicMapping'>> & {
  DynamicMapping?: { ResponseFormat?: ClientOfferResponseFormat; OffersPath?: string; Fields?: Partial<Record<OfferField, string>> } | null;
};

export interface ClientOfferContext {
  existingIds: ReadonlySet<number>;
  /** Dynamic offers read a ping-post buyer's answer (seed 000). */
  accountPingPost: boolean;
}

const PHONE = /^[0-9+().\s-]{7,25}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$/i;

/**
 * Checks and normalises an account's offers. URLs are shown to consumers, so they must be absolute
 * http(s) (no `javascript:`); they are never called here, so no SSRF check applies.
 */
export function clientOffersFromInput(input: readonly ClientOfferInput[], ctx: ClientOfferContext): DeliveryChecked<Omit<ClientOfferView, 'DeliveryAccountUID'>[]> {
  const problems: DeliveryInputProblem[] = [];
  const offers: Omit<ClientOfferView, 'DeliveryAccountUID'>[] = [];
  const seen = new Set<number>();
  input.forEach((o, i) => {
    const at = `Offers[${i}]`;
    const before = problems.length;
    const fail = (prop: string, message: string) => problems.push({ field: `${at}.${prop}`, message: `${at}.${prop}: ${message}` });
    const id = o.OfferUID ?? 0;
    if (id !== 0 && (!ctx.existingIds.has(id) || seen.has(id))) fail('OfferUID', `OfferUID ${id} is not an offer of this account (send 0 for a new one)`);
    seen.add(id);
    const type = o.Type ?? 'Static';
    const offer: Omit<ClientOfferView, 'DeliveryAccountUID'> = {
      OfferUID: id,
      Type: type,
      Enabled: o.Enabled ?? true,
      CompanyName: o.CompanyName ?? '',
      CompanyPhoneNumber: o.CompanyPhoneNumber ?? '',
      Name: o.Name ?? '',
      Description: o.Description ?? '',
      URL: o.URL ?? '',
      ImageURL: o.ImageURL ?? '',
      PrivacyURL: o.PrivacyURL ?? '',
      TermsURL: o.TermsURL ?? '',
      Duration: o.Duration ?? 'Monthly',
      Amount: o.Amount ?? 0,
      TCPAConsentText: o.TCPAConsentText ?? '',
      CustomTCPATextRequired: o.CustomTCPATextRequired ?? false,
      DynamicMapping: null,
    };
    if (type === 'Static') {
      if (!offer.CompanyName.trim()) fail('CompanyName', 'a static offer names the company that will contact the consumer');
      if (!offer.Name.trim()) fail('Name', 'a static offer needs a Name');
      if (o.DynamicMapping) fail('DynamicMapping', 'only dynamic offers have a DynamicMapping');
    }
    if (offer.CustomTCPATextRequired && !offer.TCPAConsentText.trim() && type === 'Static') {
      fail('TCPAConsentText', 'TCPAConsentText is required when CustomTCPATextRequired is on');
    }
    if (offer.CompanyPhoneNumber && !PHONE.test(offer.CompanyPhoneNumber)) fail('CompanyPhoneNumber', `${quoted(offer.CompanyPhoneNumber)} is not a phone number`);
    for (const prop of ['URL', 'ImageURL', 'PrivacyURL', 'TermsURL'] as const) {
      if (offer[prop] && !isWebUrl(offer[prop])) fail(prop, `${quoted(offer[prop])} is not an absolute http(s) URL`);
    }
    if (type === 'Dynamic') {
      if (!ctx.accountPingPost) fail('Type', 'dynamic offers need the account to deliver by PING/POST (they are read from the buyer\'s ping answer)');
      const mapping = dynamicMapping(o.DynamicMapping, (prop, message) => fail(`DynamicMapping.${prop}`, message));
      offer.DynamicMapping = mapping ?? null;
    }
    if (problems.length === before) offers.push(offer);
  });
  return checked(offers, problems);
}

function dynamicMapping(raw: ClientOfferInput['DynamicMapping'], fail: (prop: string, message: string) => void): DynamicOfferMapping | undefined {
  if (!raw) {
    fail('OffersPath', 'a dynamic offer needs a DynamicMapping saying where the offers are in the buyer\'s answer');
    return undefined;
  }
  const format = raw.ResponseFormat ?? 'JSON';
  const offersPath = raw.OffersPath ?? '';
  const offersProblem = offersPath ? offerPathProblem(format, offersPath) : 'OffersPath is required';
  if (offersProblem) fail('OffersPath', offersProblem);
  const fields: Partial<Record<OfferField, string>> = {};
  for (const [name, path] of Object.entries(raw.Fields ?? {}) as Array<[OfferField, string | undefined]>) {
    if (path === undefined || path === '') continue;
    const problem = offerPathProblem(format, path);
    if (problem) fail(`Fields.${name}`, problem);
    fields[name] = path;
  }
  if (!fields.CompanyName && !fields.Name) fail('Fields', 'map at least CompanyName or Name from the buyer\'s answer');
  return { ResponseFormat: format, OffersPath: offersPath, Fields: fields };
}
