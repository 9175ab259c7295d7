-- KEYS[1]: the cart. ARGV: ttl ms, the coupon code ('' removes it). Lines and version are untouched: the code is
-- not part of what is written behind, and pricing reads it with the rest of the hash.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'-2'} end
if ARGV[2] == '' then
  redis.call('HDEL', key, 'coupon')
else
  redis.call('HSET', key, 'coupon', ARGV[2])
end
redis.call('PEXPIRE', key, ARGV[1])
return reply(0)
