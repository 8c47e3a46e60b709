/**
 * Lua run atomically in Redis. Time comes from Redis (TIME), not from each worker's clock, so spacing holds
 * across machines whose clocks disagree.
 */

/** KEYS: lock, next. ARGV: token, lockTtlMs. → {1, 0} acquired | {0, msUntilNextAllowed} | {0, -1} held by another. */
export const ACQUIRE_HOST_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return {0, nextAt - now} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, 0} end
return {0, -1}
`;

/** KEYS: lock. ARGV: token, lockTtlMs. → 1 if we still hold the lock and extended it. */
export const RENEW_HOST_SLOT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/**
 * KEYS: lock, next. ARGV: token, waitMs (spacing, or a Retry-After back-off). Deletes the lock only if
 * it is still ours (compare-and-delete), then pushes next-allowed forward, never backward.
 * → 1 released, 0 the lock had already expired or passed to another holder.
 */
export const RELEASE_HOST_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local released = 0
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  released = 1
end
local wait = tonumber(ARGV[2])
if wait > 0 then
  local target = now + wait
  local current = tonumber(redis.call('GET', KEYS[2]) or '0')
  if target > current then redis.call('SET', KEYS[2], tostring(target), 'PX', wait + 60000) end
end
return released
`;

/** KEYS: next. ARGV: waitMs. Pushes next-allowed forward without holding the lock (a 429 seen elsewhere). */
export const DEFER_HOST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local target = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if target > current then redis.call('SET', KEYS[1], tostring(target), 'PX', tonumber(ARGV[1]) + 60000) end
return target
`;
