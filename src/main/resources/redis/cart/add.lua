-- KEYS[1]: the cart. ARGV: create (1/0), ttl ms, variant, units, price, currency, available, max units,
-- max lines, now ms.
local key = KEYS[1]
local exists = redis.call('EXISTS', key) == 1
if not exists and ARGV[1] ~= '1' then return {'-2'} end
local have, n, cur = 0, 0, ''
if exists then
  have = tonumber(redis.call('HGET', key, 'q:' .. ARGV[3]) or '0')
  n = tonumber(redis.call('HGET', key, 'n') or '0')
  cur = redis.call('HGET', key, 'cur') or ''
end
if n > 0 and cur ~= ARGV[6] then return reply(-3) end
local want = have + tonumber(ARGV[4])
if want > tonumber(ARGV[8]) then return reply(-4) end
if want > tonumber(ARGV[7]) then return reply(-5) end
if have == 0 and n >= tonumber(ARGV[9]) then return reply(-6) end
if not exists then
  redis.call('HSET', key, 'created', ARGV[10], 'cur', '', 'ver', '0', 'seq', '0', 'n', '0')
end
if have == 0 then
  redis.call('HSET', key, 'o:' .. ARGV[3], redis.call('HINCRBY', key, 'seq', 1), 'cur', ARGV[6])
  redis.call('HINCRBY', key, 'n', 1)
end
redis.call('HSET', key, 'q:' .. ARGV[3], want, 'p:' .. ARGV[3], ARGV[5])
redis.call('HINCRBY', key, 'ver', 1)
redis.call('PEXPIRE', key, ARGV[2])
return reply(1)
