-- KEYS[1]: the cart. ARGV: ttl ms, created, currency, version, sequence, coupon ('' none), then per line:
-- variant, units, price seen, position. Writes nothing (answers 0) when the cart exists.
local key = KEYS[1]
if redis.call('EXISTS', key) == 1 then return {'0'} end
redis.call('HSET', key, 'created', ARGV[2], 'cur', ARGV[3], 'ver', ARGV[4], 'seq', ARGV[5],
  'n', (#ARGV - 6) / 4)
if ARGV[6] ~= '' then redis.call('HSET', key, 'coupon', ARGV[6]) end
for i = 7, #ARGV, 4 do
  local v = ARGV[i]
  redis.call('HSET', key, 'q:' .. v, ARGV[i + 1], 'p:' .. v, ARGV[i + 2], 'o:' .. v, ARGV[i + 3])
end
redis.call('PEXPIRE', key, ARGV[1])
return {'1'}
