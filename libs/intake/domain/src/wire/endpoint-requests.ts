import { readBody, WireBody } from './body';
import { parseJsonDocument } from './json-request-parser';
import { idValue, text } from './normalise';
import { RawBag, RawMember } from './raw-request';
import { AcceptOfferRequest, StatusRequest } from './request-models';
import { fail, guard, WIRE_LIMITS, WireResult } from './wire-error';

/**
 * `PUT /v2/leads/{leadUID}/offers/{offerId}/accept`. The seed puts both ids in the URL and also lists
 * them as body members, so both are read: URL values win, a JSON body may repeat them (it must then
 * agree) or supply one the URL lacks. No XML body is defined for this endpoint. Never throws.
 */
export function parseAcceptOfferRequest(
  params: { leadUID?: unknown; offerId?: unknown },
  body?: WireBody,
  format: 'json' | 'xml' = 'json',
): WireResult<AcceptOfferRequest> {
  return guard(() => {
    let fromBody: RawBag | undefined;
    const hasBody = typeof body === 'string' ? body.trim() !== '' : body instanceof Uint8Array && body.byteLength > 0;
    if (hasBody) {
      if (format === 'xml') fail('unsupported', 'this endpoint takes no XML body: pass leadUID and offerId in the URL');
      const doc = parseJsonDocument(readBody(body));
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('malformed', 'the request body must be a JSON object');
      const members = Object.entries(doc).map(([key, value]): RawMember => ({ key, value, path: key, label: `${key} in the body` }));
      fromBody = new RawBag(members, { pathFor: (n) => n, labelFor: (n) => `${n} in the body` }, true);
    }
    const urlMember = (name: string, value: unknown): RawMember => ({ key: name, value, path: name, label: `${name} in the URL` });
    const leadUID = agree(
      'leadUID',
      idValue(urlMember('leadUID', params.leadUID)),
      fromBody ? idValue(fromBody.get('leadUID') ?? urlMember('leadUID', undefined)) : undefined,
    );
    const offerId = agree('offerId', offerIdValue(urlMember('offerId', params.offerId)), fromBody ? offerIdValue(fromBody.get('offerId')) : undefined);
    return { leadUID, offerId };
  });
}

function offerIdValue(m: RawMember | undefined): string | undefined {
  if (!m) return undefined;
  const id = text(m, WIRE_LIMITS.maxOfferIdLength)?.trim();
  return id ? id : undefined;
}

function agree<T>(name: string, fromUrl: T | undefined, fromBody: T | undefined): T {
  if (fromUrl !== undefined && fromBody !== undefined && fromUrl !== fromBody) {
    fail('invalid_field', `${name} in the URL and ${name} in the body differ`, name);
  }
  const value = fromUrl ?? fromBody;
  return value === undefined ? fail('invalid_field', `${name} is required`, name) : value;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** `GET /v2/status/{id}`: `id` is the requestId an insert response returned. Never throws. */
export function parseStatusRequest(id: unknown): WireResult<StatusRequest> {
  return guard(() => {
    const requestId = typeof id === 'string' ? id.trim() : '';
    if (!requestId) fail('invalid_field', 'id is required: pass the requestId returned when the lead was posted', 'id');
    if (!REQUEST_ID.test(requestId)) fail('invalid_field', 'id must be the requestId returned when the lead was posted', 'id');
    return { requestId };
  });
}
