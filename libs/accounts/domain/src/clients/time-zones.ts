/**
 * Seed 003 sends Windows time zone names ("Pacific Standard Time") with an hour offset; the
 * scanner needs an IANA zone (clients.time_zone). The US zones map by name.
 */
const WINDOWS_TO_IANA: Readonly<Record<string, string>> = {
  'eastern standard time': 'America/New_York',
  'us eastern standard time': 'America/Indiana/Indianapolis',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix',
  'pacific standard time': 'America/Los_Angeles',
  'alaskan standard time': 'America/Anchorage',
  'hawaiian standard time': 'Pacific/Honolulu',
  'aleutian standard time': 'America/Adak',
  'atlantic standard time': 'America/Halifax',
  'sa western standard time': 'America/Puerto_Rico',
  'west pacific standard time': 'Pacific/Guam',
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'gmt standard time': 'Europe/London',
};

/** Standard-time offsets (hours from UTC) of the US zones. */
const US_OFFSET_TO_IANA: Readonly<Record<number, string>> = {
  [-4]: 'America/Puerto_Rico',
  [-5]: 'America/New_York',
  [-6]: 'America/Chicago',
  [-7]: 'America/Denver',
  [-8]: 'America/Los_Angeles',
  [-9]: 'America/Anchorage',
  [-10]: 'Pacific/Honolulu',
  0: 'UTC',
};

export function isIanaTimeZoneName(name: string): boolean {
  if (!name.includes('/') && name !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The IANA zone for a seed TimeZoneName/TimeOffset pair: a known Windows name maps, an IANA name
 * is taken as is; an offset alone picks the US zone of that offset; an unknown name with an offset
 * gets the fixed-offset zone (right offset, no daylight saving guessed). Otherwise undefined: the
 * caller keeps the zone the client had.
 */
export function ianaTimeZoneFor(timeZoneName: string | null | undefined, timeOffset: number | null | undefined): string | undefined {
  const name = timeZoneName?.trim() ?? '';
  if (name) {
    const mapped = WINDOWS_TO_IANA[name.toLowerCase()];
    if (mapped) return mapped;
    if (isIanaTimeZoneName(name)) return name;
  }
  if (typeof timeOffset !== 'number' || !Number.isInteger(timeOffset) || timeOffset < -12 || timeOffset > 14) return undefined;
  if (!name && US_OFFSET_TO_IANA[timeOffset]) return US_OFFSET_TO_IANA[timeOffset];
  // Etc/GMT zones carry the POSIX sign: Etc/GMT+8 is UTC-8.
  return timeOffset === 0 ? 'UTC' : `Etc/GMT${timeOffset < 0 ? '+' : '-'}${Math.abs(timeOffset)}`;
}
