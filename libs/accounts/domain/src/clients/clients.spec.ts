import { ACTIVE_LIST_ACCOUNT_TYPE, CLIENT_STATUS, ACTIVE_LIST_SORT_DIRECTION, CLIENT_FIELD_SPECIAL_BIT, STORED_ACCOUNT_TYPES } from './client-enums';
import { checkClientFieldValue, clientDisplayName, ClientFieldRule, MAX_CLIENT_FIELD_VALUE_LENGTH } from './client-field-values';
import { ianaTimeZoneFor } from './time-zones';

describe('client enumerations', () => {
  it('number ClientStatus by the seed order, so the scanner\'s Active is 6', () => {
    expect(CLIENT_STATUS.parse(6)).toBe('Active');
    expect(CLIENT_STATUS.parse('suspended')).toBe('Suspended');
    expect(CLIENT_STATUS.parse('Gone')).toBeUndefined();
  });
  it('accept the seed\'s "Decending" and the correct spelling', () => {
    expect(ACTIVE_LIST_SORT_DIRECTION.parse('Decending')).toBe('Decending');
    expect(ACTIVE_LIST_SORT_DIRECTION.parse('descending')).toBe('Decending');
    expect(ACTIVE_LIST_SORT_DIRECTION.parse(1)).toBe('Decending');
    expect(ACTIVE_LIST_SORT_DIRECTION.parse('sideways')).toBeUndefined();
  });
  it('map every active-list account type to stored delivery account types', () => {
    for (const t of ACTIVE_LIST_ACCOUNT_TYPE.names) expect(STORED_ACCOUNT_TYPES[t].length).toBeGreaterThan(0);
    expect(STORED_ACCOUNT_TYPES.TransferForm).toEqual(['LiveCall']);
    expect(CLIENT_FIELD_SPECIAL_BIT.parse(17)).toBe('MobilePhone');
  });
});

describe('checkClientFieldValue', () => {
  const rule = (over: Partial<ClientFieldRule>): ClientFieldRule => ({ descriptor: 'F', dataType: 'Varchar', enumerated: false, enums: [], ...over });

  it('stores hostile text verbatim in a Varchar field', () => {
    const hostile = "'; DROP TABLE clients; -- <script>${x}</script>";
    expect(checkClientFieldValue(rule({}), hostile)).toEqual({ value: hostile });
  });
  it('checks numeric and date types, letting an empty value clear any field', () => {
    expect(checkClientFieldValue(rule({ dataType: 'Int' }), '42')).toEqual({ value: '42' });
    expect(checkClientFieldValue(rule({ dataType: 'Int' }), '2147483648')).toHaveProperty('error');
    expect(checkClientFieldValue(rule({ dataType: 'Int' }), 'abc')).toHaveProperty('error');
    expect(checkClientFieldValue(rule({ dataType: 'Bigint' }), '9223372036854775807')).toEqual({ value: '9223372036854775807' });
    expect(checkClientFieldValue(rule({ dataType: 'Money' }), '12.50')).toEqual({ value: '12.50' });
    expect(checkClientFieldValue(rule({ dataType: 'Money' }), '1e3')).toHaveProperty('error');
    expect(checkClientFieldValue(rule({ dataType: 'Float' }), '1e3')).toEqual({ value: '1e3' });
    expect(checkClientFieldValue(rule({ dataType: 'Bit' }), 'maybe')).toHaveProperty('error');
    expect(checkClientFieldValue(rule({ dataType: 'DateTime' }), 'not a date')).toHaveProperty('error');
    expect(checkClientFieldValue(rule({ dataType: 'DateTime' }), '2024-07-10T04:10:07Z')).toEqual({ value: '2024-07-10T04:10:07Z' });
    expect(checkClientFieldValue(rule({ dataType: 'Int' }), '')).toEqual({ value: '' });
  });
  it('takes only enumerated values, in their stored spelling', () => {
    const r = rule({ enumerated: true, enums: ['Gold', 'Silver'] });
    expect(checkClientFieldValue(r, 'gold')).toEqual({ value: 'Gold' });
    expect(checkClientFieldValue(r, 'Bronze')).toEqual({ error: expect.stringContaining('Gold, Silver') });
  });
  it('refuses values over the length limit', () => {
    expect(checkClientFieldValue(rule({}), 'x'.repeat(MAX_CLIENT_FIELD_VALUE_LENGTH + 1))).toHaveProperty('error');
  });
});

describe('clientDisplayName', () => {
  it('prefers Company, then the person, then the username, then the id', () => {
    expect(clientDisplayName({ Company: ' Acme ', FirstName: 'A' }, 'u', 1)).toBe('Acme');
    expect(clientDisplayName({ FirstName: 'Ann', LastName: 'Lee' }, 'u', 1)).toBe('Ann Lee');
    expect(clientDisplayName({}, 'ann', 1)).toBe('ann');
    expect(clientDisplayName({}, null, 7)).toBe('Client 7');
  });
});

describe('ianaTimeZoneFor', () => {
  it('maps US Windows names and keeps IANA names', () => {
    expect(ianaTimeZoneFor('Pacific Standard Time', -8)).toBe('America/Los_Angeles');
    expect(ianaTimeZoneFor('us mountain standard time', -7)).toBe('America/Phoenix');
    expect(ianaTimeZoneFor('Europe/Berlin', 1)).toBe('Europe/Berlin');
  });
  it('falls back on the offset: a US zone without a name, a fixed offset for an unknown name', () => {
    expect(ianaTimeZoneFor('', -6)).toBe('America/Chicago');
    expect(ianaTimeZoneFor(undefined, -5)).toBe('America/New_York');
    expect(ianaTimeZoneFor('Tokyo Standard Time', 9)).toBe('Etc/GMT-9');
    expect(ianaTimeZoneFor('SA Pacific Standard Time', -5)).toBe('Etc/GMT+5');
  });
  it('answers undefined when nothing usable is given', () => {
    expect(ianaTimeZoneFor('Nowhere Time', undefined)).toBeUndefined();
    expect(ianaTimeZoneFor(undefined, 30)).toBeUndefined();
  });
});
