const ZIP_NAMES = ['zip', 'zipcode', 'postalcode', 'zip_code', 'postal_code'];

/**
 * AppendCityStateFromPostalCode (seed 003 campaign setting): fills City and State from the lead's
 * zip when the source did not send them. Values the source sent are never overwritten.
 */
export function appendCityState(
  fields: Record<string, string>,
  lookup: (zip: string) => { city: string; state: string } | undefined,
): Record<string, string> {
  const zipKey = Object.keys(fields).find((k) => ZIP_NAMES.includes(k.toLowerCase()));
  const zip = zipKey ? /^\s*(\d{5})(?:-?\d{4})?\s*$/.exec(fields[zipKey])?.[1] : undefined;
  if (!zip) return fields;
  const place = lookup(zip);
  if (!place) return fields;
  const key = (name: string) => Object.keys(fields).find((k) => k.toLowerCase() === name) ?? (name === 'city' ? 'City' : 'State');
  const out = { ...fields };
  if (!(out[key('city')] ?? '').trim()) out[key('city')] = place.city;
  if (!(out[key('state')] ?? '').trim()) out[key('state')] = place.state;
  return out;
}
