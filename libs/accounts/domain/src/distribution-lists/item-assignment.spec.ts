import { DistributionListRefusal } from './distribution-list-refusal';
import { DistributionListStatus, itemAssignmentView, itemClientIds, parseAssignedClients } from './item-assignment';

describe('parseAssignedClients', () => {
  it('reads pipe-delimited ids, tolerating spaces, empty segments and repeats', () => {
    expect(parseAssignedClients('12|15|31')).toEqual([12, 15, 31]);
    expect(parseAssignedClients(' 12 || 15 |12|')).toEqual([12, 15]);
    expect(parseAssignedClients('')).toEqual([]);
  });
  it.each(['12,15', '1|x', '1|-2', '0', '1|2.5', '99999999999', '${1}'])('refuses %s naming AssignedClients', (bad) => {
    expect(() => parseAssignedClients(bad)).toThrow(DistributionListRefusal);
    try {
      parseAssignedClients(bad);
    } catch (e) {
      expect((e as DistributionListRefusal).field).toBe('AssignedClients');
    }
  });
});

describe('itemClientIds', () => {
  it('makes a single assignment of a non-zero AssignedClient', () => {
    expect(itemClientIds(7, '')).toEqual([7]);
    expect(itemClientIds(7, '7')).toEqual([7]);
  });
  it('makes a multiple assignment of AssignedClients when AssignedClient is 0', () => {
    expect(itemClientIds(0, '3|4')).toEqual([3, 4]);
    expect(itemClientIds(0, '')).toEqual([]);
  });
  it('refuses a single assignment that also lists other clients', () => {
    expect(() => itemClientIds(7, '7|8')).toThrow(/AssignedClient 0/);
  });
});

describe('itemAssignmentView', () => {
  it('answers single, multiple and no assignments in the seed shape', () => {
    expect(itemAssignmentView([{ clientId: 5, name: 'Acme' }])).toEqual({ AssignedClient: 5, AssignedClients: '5', AssignedName: 'Acme' });
    expect(
      itemAssignmentView([
        { clientId: 9, name: 'Zed' },
        { clientId: 5, name: 'Acme' },
      ]),
    ).toEqual({ AssignedClient: 0, AssignedClients: '5|9', AssignedName: 'Acme, Zed' });
    expect(itemAssignmentView([])).toEqual({ AssignedClient: 0, AssignedClients: '', AssignedName: '' });
  });
  it('numbers Status 1 = Active, 0 = Inactive', () => {
    expect(DistributionListStatus.parse(1)).toBe('Active');
    expect(DistributionListStatus.numberOf('Inactive')).toBe(0);
  });
});
