import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Seed 003 "Search for Lead by Contact Information": one matching lead. */
export interface SeedLeadSearchResult {
  DateReceived: string;
  IsValidPost: boolean;
  ResponseType: 'No_Error';
  ResponseDetails: string;
  LeadIdentifier: number;
  VID: number;
  AID: number;
  LID: number;
  PendingQCReview: boolean;
  Price: number;
}

/** The search's criteria, each in the comparable form the database expressions produce. */
export interface LeadSearchCriteria {
  email?: string;
  phone?: string;
  address?: string;
}

export type LeadSearchCriteriaResult = { ok: true; criteria: LeadSearchCriteria } | { ok: false; field: string; message: string };

/** Comparable forms are cut to these lengths, like the SQL functions behind the indexes. */
const MAX_EMAIL = 254;
const MAX_COMPARED = 200;

/** Emails compare trimmed and lowercased, as the receiver stores them (SQL function lead_search_email). */
export function normaliseSearchEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase().slice(0, MAX_EMAIL);
}

/**
 * Phones compare as digits without the NANP country code (SQL function lead_search_phone), so
 * "+1 (512) 555-0100", "512.555.0100" and the receiver's stored "5125550100" are equal. A NANP
 * number is parsed first so an extension ("x12") does not join the digits.
 */
export function normaliseSearchPhone(value: string): string {
  const text = value.normalize('NFKC').trim();
  const parsed = parsePhoneNumberFromString(text, 'US');
  if (parsed && parsed.countryCallingCode === '1' && parsed.isValid()) return String(parsed.nationalNumber);
  const digits = text.replace(/[^0-9]/g, '');
  return (digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits).slice(0, MAX_COMPARED);
}

/**
 * Addresses compare lowercased with every run of other characters than a-z and 0-9 turned into
 * one space (SQL function lead_search_text), so "123 Main St., Apt 4" equals "123 main st apt 4".
 */
export function normaliseSearchText(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().slice(0, MAX_COMPARED);
}

/**
 * The criteria a search body gives. Empty or absent ones are ignored; at least one is needed. All
 * given criteria must match (a narrower search is the safer default for contact data).
 */
export function leadSearchCriteria(input: { Email?: string | null; Address?: string | null; PrimaryPhone?: string | null }): LeadSearchCriteriaResult {
  const criteria: LeadSearchCriteria = {};
  if (input.Email && input.Email.trim()) criteria.email = normaliseSearchEmail(input.Email);
  if (input.Address && input.Address.trim()) {
    const address = normaliseSearchText(input.Address);
    if (!address) return { ok: false, field: 'Address', message: 'Address must contain letters or digits' };
    criteria.address = address;
  }
  if (input.PrimaryPhone && input.PrimaryPhone.trim()) {
    const phone = normaliseSearchPhone(input.PrimaryPhone);
    if (phone.length < 7 || phone.length > 15) return { ok: false, field: 'PrimaryPhone', message: 'PrimaryPhone must be a phone number (7 to 15 digits)' };
    criteria.phone = phone;
  }
  if (!criteria.email && !criteria.address && !criteria.phone) {
    return { ok: false, field: 'Email', message: 'give at least one of Email, Address or PrimaryPhone' };
  }
  return { ok: true, criteria };
}

/** A stored lead as search answers it. */
export interface LeadSearchRow {
  id: number;
  createdAt: Date;
  leadSourceId: number;
  campaignId: number;
  leadTypeId: number;
  pendingReview: boolean;
  price: number;
  /** The message the source got for this lead (intake request log), when still logged. */
  responseMessage: string | null;
}

/**
 * Only accepted leads are stored, so every hit is a valid post answered No_Error. ResponseDetails is
 * what the source was told when the request log still has it, otherwise the receiver's wording.
 */
export function toSeedLeadSearchResult(row: LeadSearchRow): SeedLeadSearchResult {
  return {
    DateReceived: row.createdAt.toISOString(),
    IsValidPost: true,
    ResponseType: 'No_Error',
    ResponseDetails: row.responseMessage ?? (row.pendingReview ? 'Lead was accepted and is pending review' : 'Lead was accepted'),
    LeadIdentifier: row.id,
    VID: row.leadSourceId,
    AID: row.campaignId,
    LID: row.leadTypeId,
    PendingQCReview: row.pendingReview,
    Price: row.price,
  };
}
