-- KEYS: a counter; ARGV: expected, value. 1 when set, 0 when it moved in between.
local current = redis.call('GET', KEYS[1])
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1
