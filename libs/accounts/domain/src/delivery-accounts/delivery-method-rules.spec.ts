import { fieldSettingChanges } from './delivery-field-settings';
import { mergeDeliveryMethod } from './delivery-inputs';
import { deliveryMethodProblems, outboundTargets } from './delivery-method-rules';

const merged = (input: Parameters<typeof mergeDeliveryMethod>[1]) => {
  const r = mergeDeliveryMethod(undefined, input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

describe('delivery method rules', () => {
  it('needs a Type for a new method and keeps stored values on modify', () => {
    expect(mergeDeliveryMethod(undefined, { Name: 'x' }).ok).toBe(false);
    const first = merged({ Type: 'HTTP POST', Name: 'Buyer', DeliveryAddress: ' https://b.example/x ', FTPPassword: 's3cret' });
    expect(first).toMatchObject({ deliveryAddress: 'https://b.example/x', hasFtpPassword: true });
    const second = mergeDeliveryMethod(first, { Name: 'Renamed', FTPPassword: '' });
    expect(second.ok && second.value).toMatchObject({ name: 'Renamed', deliveryAddress: 'https://b.example/x', hasFtpPassword: true });
  });

  it('asks each type for what it needs', () => {
    const fields = (input: Parameters<typeof mergeDeliveryMethod>[1]) => deliveryMethodProblems(merged({ Name: 'm', ...input })).map((p) => p.field);
    expect(fields({ Type: 'PING/POST' })).toEqual(['DeliveryAddress']);
    expect(fields({ Type: 'FTP' })).toEqual(['DeliveryAddress']);
    expect(fields({ Type: 'E-Mail' })).toEqual(['EmailAddress']);
    expect(fields({ Type: 'E-Mail', EmailAddress: 'a@b.co; {Email}', NotifyCC: 'not-an-email' })).toEqual(['NotifyCC']);
    expect(fields({ Type: 'SMS Notification' })).toEqual(['tAddress']);
    expect(fields({ Type: 'Internal System' })).toEqual([]);
    expect(fields({ Type: 'HTTP GET', DeliveryAddress: 'https://x.example', useRegEx: true, ResponseSearch: '(a' })).toEqual(['ResponseSearch']);
  });

  it('lists every address the platform would connect to', () => {
    expect(outboundTargets(merged({ Type: 'HTTP POST', DeliveryAddress: 'http://10.0.0.1/x', SMTPServer: 'smtp.example.com:587' }))).toEqual([
      { field: 'DeliveryAddress', kind: 'url', value: 'http://10.0.0.1/x' },
      { field: 'SMTPServer', kind: 'host', value: 'smtp.example.com:587' },
    ]);
    expect(outboundTargets(merged({ Type: 'FTP', DeliveryAddress: 'ftp://user@127.0.0.1:21/in' }))).toEqual([{ field: 'DeliveryAddress', kind: 'host', value: '127.0.0.1:21' }]);
  });

  it('checks field settings per FieldType', () => {
    const ctx = { leadFields: new Map([[5, 'State']]), existing: new Map([[10, new Set([100])], [12, new Set<number>()]]), leadFieldScope: 'lead type 1' };
    const r = fieldSettingChanges(
      [
        { FieldType: 'Lead Field', FieldName: 'state', LeadFieldUID: '5', FieldMappings: [{ FieldValue: 'Texas', DeliveryValue: 'TX' }] },
        { DeliverySettingUID: 10, FieldName: 'kept', FieldMappings: [{ DeliveryMappingUID: 100, Delete: true }] },
        { DeliverySettingUID: 12, Delete: true },
        { FieldType: 'Custom Expr', FieldName: 'full', Expr: "concat(FirstName, ' ', LastName)" },
      ],
      ctx,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.value[0]).toMatchObject({ delete: false, setting: { leadFieldId: 5, hasMap: true }, mappings: { upsert: [{ id: 0, fieldValue: 'Texas', deliveryValue: 'TX' }], deleteIds: [] } });
    expect(r.value[1]).toMatchObject({ delete: false, setting: { id: 10, hasMap: false }, mappings: { upsert: [], deleteIds: [100] } });
    expect(r.value[2]).toMatchObject({ delete: true, setting: { id: 12 } });
    const bad = fieldSettingChanges(
      [
        { FieldType: 'Lead Field', FieldName: 'x' },
        { FieldType: 'Lead Field', FieldName: 'y', LeadFieldUID: 77 },
        { FieldType: 'Evaluate Function', FieldName: 'z', Expr: 'upper(' },
        { FieldType: 'Sub-String', FieldName: 's', LeadFieldUID: 5, Expr: 'first 3' },
        { FieldName: '' },
        { DeliverySettingUID: 11, FieldName: 'q' },
      ],
      ctx,
    );
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual([
      'FieldSettings[0].LeadFieldUID',
      'FieldSettings[1].LeadFieldUID',
      'FieldSettings[2].Expr',
      'FieldSettings[3].Expr',
      'FieldSettings[4].FieldName',
      'FieldSettings[5].DeliverySettingUID',
    ]);
  });
});
