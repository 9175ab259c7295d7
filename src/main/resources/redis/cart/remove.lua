-- KEYS[1]: the cart. ARGV: ttl ms, variant. Removing a line that is not there changes nothing.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'-2'} end
redis.call('PEXPIRE', key, ARGV[1])
if redis.call('HDEL', key, 'q:' .. ARGV[2]) == 0 then return reply(0) end
redis.call('HDEL', key, 'p:' .. ARGV[2], 'o:' .. ARGV[2])
if redis.call('HINCRBY', key, 'n', -1) <= 0 then redis.call('HSET', key, 'n', 0, 'cur', '') end
redis.call('HINCRBY', key, 'ver', 1)
return reply(1)
