import { DataSource } from 'typeorm';
import { DeliveryRequestedV1 } from '@leadx/contracts';
import { DeliverLeadService } from './deliver-lead.service';
import { loadDeliveryPlan } from './delivery-plan';

/** A request the seed's delivery routes refuse: HTTP status and a message for the operator. */
export class DeliveryRouteError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'DeliveryRouteError';
  }
}

/** Seed 003 Process Client Delivery / Confirm Redirect Delivery answer. */
export interface DeliveryAnswer {
  isValid: boolean;
  Status: string;
  Response: string;
}

/** Seed 003 Get Sends for Lead, one row. */
export interface LeadSendView {
  ClientUID: number;
  ClientName: string;
  ContactFirstName: string;
  ContactLastName: string;
  Address: string;
  Address2: string;
  City: string;
  State: string;
  Country: string;
  PostalCode: string;
  PhoneNumber: string;
  Email: string;
  Notes: string;
  DateSent: string;
  IsValid: boolean;
  Response: string;
  Price: number;
}

/** Client custom field descriptors (lower case, letters and digits only) → contact property. */
const CONTACT: Readonly<Record<string, keyof LeadSendView>> = {
  firstname: 'ContactFirstName', contactfirstname: 'ContactFirstName',
  lastname: 'ContactLastName', contactlastname: 'ContactLastName',
  address: 'Address', address1: 'Address', address2: 'Address2',
  city: 'City', state: 'State', country: 'Country',
  postalcode: 'PostalCode', zip: 'PostalCode', zipcode: 'PostalCode',
  phonenumber: 'PhoneNumber', phone: 'PhoneNumber',
  email: 'Email', emailaddress: 'Email',
};

function id(raw: unknown, name: string, required = true): number | null {
  if ((raw === undefined || raw === null || raw === 0 || raw === '') && !required) return null;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d{1,10}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw new DeliveryRouteError(400, `${name} must be a positive integer`);
  return n;
}

function text(raw: unknown, name: string, max = 1_000_000): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') throw new DeliveryRouteError(400, `${name} must be a string`);
  if (raw.length > max) throw new DeliveryRouteError(400, `${name} is longer than ${max} characters`);
  return raw;
}

function flag(raw: unknown): boolean {
  return raw === true || raw === 1 || (typeof raw === 'string' && /^(true|1|yes)$/i.test(raw.trim()));
}

function body(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DeliveryRouteError(400, 'the body must be a JSON object');
  return raw as Record<string, unknown>;
}

/**
 * Seed 003's delivery routes (served by the delivery worker, forwarded by account-admin). A manual
 * delivery or a logged one is a delivery_assignments row plus its sends row, like the scanner's, so
 * "never twice to the same account" holds across both; neither is announced to the scanner (an
 * operator's manual send must not restart the lead's waterfall).
 */
export class DeliveryRoutesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly delivery: DeliverLeadService,
  ) {}

  /** POST /v1/delivery/process */
  async process(raw: unknown): Promise<DeliveryAnswer> {
    const b = body(raw);
    const leadId = id(b['LeadUID'], 'LeadUID') as number;
    const clientId = id(b['ClientUID'], 'ClientUID') as number;
    const accountId = id(b['ClientAccountUID'], 'ClientAccountUID') as number;
    id(b['ClientOrderUID'], 'ClientOrderUID', false);
    const notes = text(b['Notes'], 'Notes', 4_000);
    const lead = await this.lead(leadId);
    const account = await this.account(clientId, accountId);
    if (account.lead_type_id !== lead.lead_type_id) throw new DeliveryRouteError(400, `delivery account ${accountId} takes another lead type than lead ${leadId}`);
    if (!flag(b['AllowOverMax']) && lead.sold >= lead.max_sell) {
      return { isValid: false, Status: 'max', Response: `lead ${leadId} was already sold ${lead.sold} time(s), its max; send AllowOverMax to send anyway` };
    }
    const [assignment] = (await this.dataSource.query(
      `INSERT INTO delivery_assignments (lead_id, delivery_account_id, price) VALUES ($1, $2, $3)
       ON CONFLICT (lead_id, delivery_account_id) DO NOTHING RETURNING id::int AS id`,
      [leadId, accountId, account.price],
    )) as Array<{ id: number }>;
    if (!assignment) {
      const [send] = (await this.dataSource.query(`SELECT status, response_body FROM sends WHERE lead_id = $1 AND delivery_account_id = $2`, [leadId, accountId])) as Array<{
        status: string; response_body: string | null;
      }>;
      return { isValid: send?.status === 'sold', Status: 'duplicate', Response: `lead ${leadId} was already assigned to delivery account ${accountId}; not sent again` };
    }
    const done = await this.dataSource.transaction(async (manager) => {
      const out = await this.delivery.deliverOnce(
        DeliveryRequestedV1.of({ leadId, leadUid: lead.uid, deliveryAccountId: accountId, clientId, assignmentId: assignment.id, price: account.price }),
        manager,
      );
      // A queued lead (Batch Email) keeps its assignment requested until the batch records it.
      if (!out.queued) await manager.query(`UPDATE delivery_assignments SET status = $2, updated_at = now() WHERE id = $1`, [assignment.id, out.outcome]);
      if (notes) await manager.query(`UPDATE sends SET notes = $2 WHERE id = $1`, [out.sendId, notes]);
      return out;
    });
    if (done.queued) return { isValid: true, Status: 'queued', Response: done.message };
    return { isValid: done.outcome === 'sold', Status: done.outcome, Response: done.result?.responseBody ?? done.message };
  }

  /** POST /v1/delivery/{ClientUID}/confirm/{LeadUID}: the buyer confirms it received the lead. */
  async confirm(clientUid: string, leadUid: string): Promise<void> {
    const clientId = id(clientUid, 'ClientUID') as number;
    const leadId = id(leadUid, 'LeadUID') as number;
    const rows = (await this.dataSource.query(
      `UPDATE sends s SET confirmed_at = COALESCE(s.confirmed_at, now()) FROM delivery_accounts a
        WHERE a.id = s.delivery_account_id AND a.client_id = $1 AND s.lead_id = $2 RETURNING s.id`,
      [clientId, leadId],
    )) as [unknown[], number] | unknown[];
    const count = Array.isArray(rows[0]) ? (rows as [unknown[], number])[1] : rows.length;
    if (!count) throw new DeliveryRouteError(404, `lead ${leadId} was not sent to client ${clientId}`);
  }

  /** POST /v1/delivery/redirectconfirmation: where the consumer was redirected after the lead's sale. */
  async redirectConfirmation(raw: unknown): Promise<DeliveryAnswer> {
    const b = body(raw);
    const leadId = id(b['LeadUID'], 'LeadUID') as number;
    const redirectUrl = text(b['RedirectURL'], 'RedirectURL', 2_048);
    const response = typeof b['Response'] === 'string' || typeof b['Response'] === 'number' ? String(b['Response']).slice(0, 65_536) : '';
    const isValid = flag(b['IsValid']);
    await this.lead(leadId);
    const [send] = (await this.dataSource.query(
      `UPDATE sends SET redirect_url = COALESCE(NULLIF($2, ''), redirect_url),
              confirmed_at = CASE WHEN $3 THEN COALESCE(confirmed_at, now()) ELSE confirmed_at END,
              notes = CASE WHEN $4 = '' THEN notes ELSE concat_ws(E'\\n', notes, 'redirect: ' || $4) END
        WHERE id = (SELECT id FROM sends WHERE lead_id = $1 ORDER BY (status = 'sold') DESC, id DESC LIMIT 1)
        RETURNING id`,
      [leadId, redirectUrl, isValid, response],
    )) as Array<{ id: number }>;
    if (!send) return { isValid: false, Status: 'not sent', Response: `lead ${leadId} has no send to confirm a redirect for` };
    return { isValid, Status: isValid ? 'redirected' : 'not redirected', Response: response };
  }

  /** PUT /v1/delivery/log: records a send made outside the platform, without sending anything. */
  async log(raw: unknown): Promise<void> {
    const b = body(raw);
    const leadId = id(b['LeadUID'], 'LeadUID') as number;
    const clientId = id(b['ClientUID'], 'ClientUID') as number;
    const accountId = id(b['ClientAccountUID'], 'ClientAccountUID') as number;
    const methodId = id(b['DeliveryUID'], 'DeliveryUID', false);
    id(b['ClientOrderUID'], 'ClientOrderUID', false);
    id(b['ClientOrderItemUID'], 'ClientOrderItemUID', false);
    const postString = text(b['PostString'], 'PostString');
    const response = text(b['Response'], 'Response');
    await this.lead(leadId);
    const account = await this.account(clientId, accountId);
    let kind = (await loadDeliveryPlan(this.dataSource, accountId))?.primary.kind ?? 'LOGGED';
    if (methodId !== null) {
      const [m] = (await this.dataSource.query(`SELECT type FROM delivery_methods WHERE id = $1 AND client_id = $2`, [methodId, clientId])) as Array<{ type: string }>;
      if (!m) throw new DeliveryRouteError(404, `delivery method ${methodId} is not a method of client ${clientId}`);
      kind = m.type;
    }
    await this.dataSource.transaction(async (manager) => {
      const [assignment] = (await manager.query(
        `INSERT INTO delivery_assignments (lead_id, delivery_account_id, price, status) VALUES ($1, $2, $3, 'sold')
         ON CONFLICT (lead_id, delivery_account_id) DO NOTHING RETURNING id::int AS id`,
        [leadId, accountId, account.price],
      )) as Array<{ id: number }>;
      if (!assignment) throw new DeliveryRouteError(409, `lead ${leadId} was already sent or logged to delivery account ${accountId}`);
      await manager.query(
        `INSERT INTO sends (assignment_id, lead_id, delivery_account_id, status, method, request_body, response_body, price, notes, completed_at, duration_ms)
         VALUES ($1, $2, $3, 'sold', $4, $5, $6, $7, 'logged (PUT /v1/delivery/log); not sent by the platform', now(), 0)`,
        [assignment.id, leadId, accountId, kind, postString, response, account.price],
      );
    });
  }

  /** GET /v1/delivery/sends/{LeadUID} */
  async sendsForLead(leadUid: string): Promise<LeadSendView[]> {
    const leadId = id(leadUid, 'LeadUID') as number;
    await this.lead(leadId);
    const rows = (await this.dataSource.query(
      `SELECT c.id AS client_id, c.name AS client_name, s.notes, COALESCE(s.completed_at, s.created_at) AS sent_at, s.status,
              COALESCE(s.response_body, s.error, '') AS response, s.price::float AS price,
              COALESCE((SELECT jsonb_object_agg(f.descriptor, v.value) FROM client_field_values v JOIN client_fields f ON f.id = v.client_field_id
                         WHERE v.client_id = c.id), '{}'::jsonb) AS contact
         FROM sends s JOIN delivery_accounts a ON a.id = s.delivery_account_id JOIN clients c ON c.id = a.client_id
        WHERE s.lead_id = $1 ORDER BY s.id`,
      [leadId],
    )) as Array<{ client_id: number; client_name: string; notes: string | null; sent_at: Date; status: string; response: string; price: number; contact: Record<string, string> }>;
    return rows.map((r) => {
      const view: LeadSendView = {
        ClientUID: r.client_id, ClientName: r.client_name, ContactFirstName: '', ContactLastName: '', Address: '', Address2: '', City: '', State: '',
        Country: '', PostalCode: '', PhoneNumber: '', Email: '', Notes: r.notes ?? '', DateSent: new Date(r.sent_at).toISOString(),
        IsValid: r.status === 'sold', Response: r.response, Price: r.price,
      };
      for (const [descriptor, value] of Object.entries(r.contact)) {
        const key = CONTACT[descriptor.toLowerCase().replace(/[^a-z0-9]/g, '')];
        if (key && typeof value === 'string') (view as unknown as Record<string, string>)[key] = value;
      }
      return view;
    });
  }

  private async lead(leadId: number): Promise<{ uid: string; lead_type_id: number; max_sell: number; sold: number }> {
    const [lead] = (await this.dataSource.query(
      `SELECT l.uid, l.lead_type_id, c.max_sell,
              (SELECT count(*)::int FROM delivery_assignments d WHERE d.lead_id = l.id AND d.status = 'sold') AS sold
         FROM leads l JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = $1`,
      [leadId],
    )) as Array<{ uid: string; lead_type_id: number; max_sell: number; sold: number }>;
    if (!lead) throw new DeliveryRouteError(404, `lead ${leadId} not found`);
    return lead;
  }

  private async account(clientId: number, accountId: number): Promise<{ lead_type_id: number; price: number }> {
    const [account] = (await this.dataSource.query(
      `SELECT lead_type_id, price::float AS price FROM delivery_accounts WHERE id = $1 AND client_id = $2`,
      [accountId, clientId],
    )) as Array<{ lead_type_id: number; price: number }>;
    if (!account) throw new DeliveryRouteError(404, `delivery account ${accountId} of client ${clientId} not found`);
    return account;
  }
}
