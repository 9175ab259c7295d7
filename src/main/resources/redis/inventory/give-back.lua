-- KEYS: the variant's counter, the reservation's key. Returns the units once; answers them (0 if returned).
local quantity = redis.call('GET', KEYS[2])
if not quantity then return 0 end
redis.call('DEL', KEYS[2])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], quantity) end
return tonumber(quantity)
