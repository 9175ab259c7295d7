-- KEYS[1]: the cart. Reads and deletes a cart in one step, so that it can be merged only once.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'-2'} end
local all = reply(1)
redis.call('DEL', KEYS[1])
return all
