import { contactFieldNames, contactPropertyNames, isContactFieldName, redactValues } from './lead-contact-data';

describe('lead contact data', () => {
  it.each([
    'FirstName', 'first_name', 'LastName', 'lname', 'FullName', 'Name', 'Email', 'email_address', 'WorkEmail', 'Email2',
    'PrimaryPhone', 'Phone', 'home_phone', 'MobilePhone', 'Cell', 'Fax', 'Telephone', 'Address', 'Address2', 'address_line_1',
    'StreetAddress', 'IPAddress', 'IP', 'ip_address', 'SSN', 'DOB', 'DateOfBirth', 'Comments',
  ])('%s is contact data', (name) => {
    expect(isContactFieldName(name)).toBe(true);
  });

  it.each(['City', 'State', 'Zip', 'Country', 'LeadSourceName', 'CompanyName', 'EmailOptIn', 'Hotel', 'LoanAmount', 'Gender', 'Age', 'SubId'])(
    '%s is kept',
    (name) => {
      expect(isContactFieldName(name)).toBe(false);
    },
  );

  it('uses the lead type special bits for fields with other names', () => {
    const fields = { Contact1: 'Ada', Where: '1 Main St', State: 'TX', Surname2x: 'Lovelace' };
    const bits = new Map([['contact1', 'FirstName'], ['where', 'Address'], ['state', 'State'], ['surname2x', 'No_SpecialBit']]);
    expect(contactFieldNames(fields, bits)).toEqual(['Contact1', 'Where']);
  });

  it('finds contact properties of call leads', () => {
    expect(contactPropertyNames({ recordingUrl: 'https://r', callDuration: 30, ivrNumber: '8005550100', callerNumber: '5125550100' })).toEqual(['recordingUrl', 'callerNumber']);
  });

  it('redacts values in any common spelling, case-insensitively, leaving the rest', () => {
    const values = ['Ada@Example.com', '5125550100', 'Ada Lovelace'];
    expect(redactValues('{"email":"ada@example.com","phone":"(512) 555-0100","name":"Ada Lovelace","state":"TX"}', values)).toBe(
      '{"email":"[removed]","phone":"[removed]","name":"[removed]","state":"TX"}',
    );
    expect(redactValues('email=Ada%40Example.com&name=Ada+Lovelace&p=512-555-0100', values)).toBe('email=[removed]&name=[removed]&p=[removed]');
    expect(redactValues('<n>Ada Lovelace</n>', values)).toBe('<n>[removed]</n>');
  });

  it('never treats a value as a pattern and ignores values too short to be safe', () => {
    expect(redactValues('a.b*c (x) y', ['.*', 'b*c', 'x'])).toBe('a.[removed] (x) y');
    expect(redactValues('', ['abc'])).toBe('');
  });
});
