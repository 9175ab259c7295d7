-- KEYS[1]: the cart. ARGV: ttl ms. Reads the cart and extends its life.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'-2'} end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return reply(1)
