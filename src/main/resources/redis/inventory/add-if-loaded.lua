-- KEYS: a counter; ARGV: delta. An unloaded counter stays unloaded (it will load the new truth).
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('INCRBY', KEYS[1], ARGV[1])
return 1
