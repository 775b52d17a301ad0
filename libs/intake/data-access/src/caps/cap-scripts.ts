import { createHash } from 'node:crypto';

/** A Lua script with its SHA-1, run by EVALSHA (EVAL when Redis lost its script cache). */
export interface LuaScript {
  source: string;
  sha: string;
}

const script = (source: string): LuaScript => ({ source, sha: createHash('sha1').update(source).digest('hex') });

/** ARGV value meaning "no count loaded from Postgres for this window". */
export const NOT_LOADED = '~';

/**
 * Checks and increments a campaign's three windows together, or none of them. Every window is
 * counted whether or not it has a cap, so a cap switched on mid-window sees the true count.
 *
 * KEYS: 1 hour hash (minute bucket -> n), 2 day hash (n), 3 month hash (n); every hash also holds
 *   `g`, the generation written when it was (re)initialised, so a release can tell whether the
 *   counter it reserved in is still the one that exists.
 * ARGV: 1 count, 2 now in epoch minutes, 3 hourMax, 4 dayMax, 5 monthMax (0 = no max),
 *   6..8 TTLs in ms (hour, day, month), 9 generation for new hashes,
 *   10..12 counts from Postgres (hour as "minute:n,minute:n"), or NOT_LOADED.
 * Returns {'init'} when a key is missing and no count was loaded: the caller loads the counts and
 *   calls again. A key is initialised only when absent (SET NX semantics), so a replica that loaded
 *   counts a moment later never overwrites a counter another replica already moved on.
 * Returns {'over', window, max} or {'ok', hourGen, dayGen, monthGen}.
 */
export const RESERVE_SCRIPT = script(`
local count = tonumber(ARGV[1])
local nowMinute = tonumber(ARGV[2])
for i = 1, 3 do
  if redis.call('EXISTS', KEYS[i]) == 0 then
    local loaded = ARGV[9 + i]
    if loaded == '${NOT_LOADED}' then return {'init'} end
    redis.call('HSET', KEYS[i], 'g', ARGV[9])
    if i == 1 then
      for m, n in string.gmatch(loaded, '(%d+):(%d+)') do redis.call('HSET', KEYS[1], m, n) end
    else
      redis.call('HSET', KEYS[i], 'n', loaded)
    end
  end
end

local oldest = nowMinute - 60
local buckets = redis.call('HGETALL', KEYS[1])
local hour = 0
for j = 1, #buckets, 2 do
  local f = buckets[j]
  if f ~= 'g' then
    if tonumber(f) < oldest then
      redis.call('HDEL', KEYS[1], f)
    else
      hour = hour + tonumber(buckets[j + 1])
    end
  end
end
local day = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
local month = tonumber(redis.call('HGET', KEYS[3], 'n') or '0')

-- The window that stays closed longest is the one worth naming.
local monthMax, dayMax, hourMax = tonumber(ARGV[5]), tonumber(ARGV[4]), tonumber(ARGV[3])
if monthMax > 0 and month + count > monthMax then return {'over', 'month', monthMax} end
if dayMax > 0 and day + count > dayMax then return {'over', 'day', dayMax} end
if hourMax > 0 and hour + count > hourMax then return {'over', 'hour', hourMax} end

redis.call('HINCRBY', KEYS[1], ARGV[2], count)
redis.call('HINCRBY', KEYS[2], 'n', count)
redis.call('HINCRBY', KEYS[3], 'n', count)
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[5 + i]) end
local gens = {'ok'}
for i = 1, 3 do gens[i + 1] = redis.call('HGET', KEYS[i], 'g') or '' end
return gens
`);

/**
 * Gives reserved slots back. KEYS: the window hashes; ARGV: 1 count, then per key its field and
 * the generation it was reserved in. A counter re-initialised since (Redis lost it and it was
 * rebuilt from Postgres) never held this reservation, so it is left alone.
 */
export const RELEASE_SCRIPT = script(`
local count = tonumber(ARGV[1])
for i = 1, #KEYS do
  local field, generation = ARGV[2 * i], ARGV[2 * i + 1]
  if redis.call('HGET', KEYS[i], 'g') == generation then
    if redis.call('HINCRBY', KEYS[i], field, -count) <= 0 then redis.call('HDEL', KEYS[i], field) end
  end
end
return 1
`);
