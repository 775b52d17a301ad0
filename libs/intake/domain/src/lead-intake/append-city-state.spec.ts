import { appendCityState } from './append-city-state';

const lookup = (zip: string) => (zip === '10001' ? { city: 'New York', state: 'NY' } : undefined);

describe('appendCityState', () => {
  it('fills City and State from the zip (ZIP+4 too)', () => {
    expect(appendCityState({ Zip: '10001-1234' }, lookup)).toEqual({ Zip: '10001-1234', City: 'New York', State: 'NY' });
  });
  it('never overwrites what the source sent, and keeps its field spelling', () => {
    expect(appendCityState({ zipcode: '10001', city: 'Manhattan', STATE: '' }, lookup)).toEqual({ zipcode: '10001', city: 'Manhattan', STATE: 'NY' });
  });
  it('leaves the lead alone for an unknown or malformed zip', () => {
    const lead = { Zip: '99999' };
    expect(appendCityState(lead, lookup)).toBe(lead);
    expect(appendCityState({ Zip: 'abc' }, lookup)).toEqual({ Zip: 'abc' });
    expect(appendCityState({}, lookup)).toEqual({});
  });
});
