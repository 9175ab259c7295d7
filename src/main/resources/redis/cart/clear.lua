-- KEYS[1]: the cart. ARGV: ttl ms. Keeps the cart (its token stays valid) without lines.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {'-2'} end
local m = redis.call('HMGET', key, 'created', 'ver', 'seq')
redis.call('DEL', key)
redis.call('HSET', key, 'created', m[1], 'cur', '', 'ver', tonumber(m[2] or '0') + 1, 'seq', m[3] or '0', 'n', 0)
redis.call('PEXPIRE', key, ARGV[1])
return reply(1)
