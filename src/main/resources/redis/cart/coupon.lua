-- KEYS[1]: the cart. ARGV: ttl ms, the coupon code ('' removes it). A new code bumps the version, so that a
-- signed-in cart's code is written behind with its lines; entering the same code again changes nothing.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'-2'} end
local current = redis.call('HGET', key, 'coupon') or ''
if current == ARGV[2] then
  redis.call('PEXPIRE', key, ARGV[1])
  return reply(0)
end
if ARGV[2] == '' then
  redis.call('HDEL', key, 'coupon')
else
  redis.call('HSET', key, 'coupon', ARGV[2])
end
redis.call('HINCRBY', key, 'ver', 1)
redis.call('PEXPIRE', key, ARGV[1])
return reply(1)
