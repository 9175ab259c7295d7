-- KEYS: a counter; ARGV: the truth. Lowers a loaded counter to the truth when it is above it; never
-- raises it (grants may be in flight).
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if tonumber(current) > tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
return 0
