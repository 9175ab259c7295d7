-- KEYS[1]: the cart. ARGV: ttl ms, variant, units (0 removes), price, available, max units.
-- Increases must fit the stock; lowering always works.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'-2'} end
local have = redis.call('HGET', key, 'q:' .. ARGV[2])
if not have then return reply(-7) end
have = tonumber(have)
local want = tonumber(ARGV[3])
if want == 0 then
  redis.call('HDEL', key, 'q:' .. ARGV[2], 'p:' .. ARGV[2], 'o:' .. ARGV[2])
  if redis.call('HINCRBY', key, 'n', -1) <= 0 then redis.call('HSET', key, 'n', 0, 'cur', '') end
else
  if want > tonumber(ARGV[6]) then return reply(-4) end
  if want > have and want > tonumber(ARGV[5]) then return reply(-5) end
  redis.call('HSET', key, 'q:' .. ARGV[2], want, 'p:' .. ARGV[2], ARGV[4])
end
redis.call('HINCRBY', key, 'ver', 1)
redis.call('PEXPIRE', key, ARGV[1])
return reply(1)
