-- KEYS[1]: the user's cart. ARGV: ttl ms, max lines, currency, the guest cart's coupon ('' none), then per
-- guest line: variant, units, price seen, cap. A line grows to min(own + guest units, cap) and never shrinks;
-- new lines beyond the line cap are left out. The guest's coupon is kept when the user's cart has none.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'-2'} end
local n = tonumber(redis.call('HGET', key, 'n') or '0')
local cur = redis.call('HGET', key, 'cur') or ''
if n > 0 and cur ~= ARGV[3] then return reply(-3) end
local changed = 0
for i = 5, #ARGV, 4 do
  local v = ARGV[i]
  local have = tonumber(redis.call('HGET', key, 'q:' .. v) or '0')
  local want = math.min(have + tonumber(ARGV[i + 1]), tonumber(ARGV[i + 3]))
  if want > have and (have > 0 or n < tonumber(ARGV[2])) then
    if have == 0 then
      redis.call('HSET', key, 'o:' .. v, redis.call('HINCRBY', key, 'seq', 1), 'p:' .. v, ARGV[i + 2])
      n = n + 1
    end
    redis.call('HSET', key, 'q:' .. v, want)
    changed = 1
  end
end
if ARGV[4] ~= '' and not redis.call('HGET', key, 'coupon') then
  redis.call('HSET', key, 'coupon', ARGV[4])
  changed = 1
end
if changed == 1 then
  redis.call('HSET', key, 'n', n, 'cur', ARGV[3])
  redis.call('HINCRBY', key, 'ver', 1)
end
redis.call('PEXPIRE', key, ARGV[1])
return reply(changed)
