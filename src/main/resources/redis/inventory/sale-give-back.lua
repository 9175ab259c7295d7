-- KEYS: the sale's remaining, buyers, the reservation's key; ARGV[1] = 1 returns the units to the
-- sale's pool (open sale), 0 only forgets the reservation. Answers the units (0 if already returned).
local held = redis.call('GET', KEYS[3])
if not held then return 0 end
redis.call('DEL', KEYS[3])
local separator = string.find(held, ':', 1, true)
local quantity = tonumber(string.sub(held, 1, separator - 1))
local owner = string.sub(held, separator + 1)
if redis.call('EXISTS', KEYS[1]) == 1 then
  if ARGV[1] == '1' then redis.call('INCRBY', KEYS[1], quantity) end
  redis.call('HINCRBY', KEYS[2], owner, -quantity)
end
return quantity
