-- KEYS: the sale's meta, remaining, buyers; ARGV: starts ms, ends ms, limit, remaining, then owner and
-- units held per customer. Loads a sale unless it is already loaded.
if redis.call('EXISTS', KEYS[2]) == 1 and redis.call('HEXISTS', KEYS[1], 'limit') == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('HSET', KEYS[1], 'starts', ARGV[1], 'ends', ARGV[2], 'limit', ARGV[3])
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
redis.call('SET', KEYS[2], ARGV[4])
return 1
