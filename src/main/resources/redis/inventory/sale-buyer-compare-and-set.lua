-- KEYS: the sale's remaining, buyers; ARGV: a customer, the units reconciliation saw for them, the units to set.
-- Sets one customer's count only while the sale is loaded and the count is still what was seen (1), else 0.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if current ~= tonumber(ARGV[2]) then return 0 end
if tonumber(ARGV[3]) == 0 then redis.call('HDEL', KEYS[2], ARGV[1]) else redis.call('HSET', KEYS[2], ARGV[1], ARGV[3]) end
return 1
