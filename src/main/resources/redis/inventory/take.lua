-- KEYS: the variant's counter, the reservation's key; ARGV: units, key life ms.
-- Answers the units left, or -1 (insufficient), -2 (counter not loaded).
local available = redis.call('GET', KEYS[1])
if not available then return -2 end
available = tonumber(available)
local quantity = tonumber(ARGV[1])
if available < quantity then return -1 end
redis.call('DECRBY', KEYS[1], quantity)
redis.call('SET', KEYS[2], quantity, 'PX', ARGV[2])
return available - quantity
