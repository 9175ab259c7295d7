-- KEYS: the sale's meta, remaining, buyers; ARGV: closed at ms, keep ms. A closed sale admits nobody:
-- its window ends now and nothing remains.
redis.call('HSET', KEYS[1], 'ends', ARGV[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('SET', KEYS[2], 0) end
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1
