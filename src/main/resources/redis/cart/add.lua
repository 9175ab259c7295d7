-- KEYS[1]: the cart. ARGV: create (1/0), ttl ms, variant, units, price, currency, available, max units,
-- max lines, now ms.
-- Counts for the carts report (answered, see reply.lua): a line added to a cart that holds none starts a cart
-- ('SI'): a new cart, or one emptied since it last held lines; a cart that never held a line (seq 0: made empty
-- for a signed-in customer, and counted as started then) only gets its first line ('I').
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
local counted = ''
if not exists then
  counted = 'SI'
  redis.call('HSET', key, 'created', ARGV[10], 'cur', '', 'ver', '0', 'seq', '0', 'n', '0')
elseif n == 0 then
  counted = (tonumber(redis.call('HGET', key, 'seq') or '0') == 0) and 'I' or 'SI'
end
if have == 0 then
  redis.call('HSET', key, 'o:' .. ARGV[3], redis.call('HINCRBY', key, 'seq', 1), 'cur', ARGV[6])
  redis.call('HINCRBY', key, 'n', 1)
end
redis.call('HSET', key, 'q:' .. ARGV[3], want, 'p:' .. ARGV[3], ARGV[5])
redis.call('HINCRBY', key, 'ver', 1)
redis.call('PEXPIRE', key, ARGV[2])
return reply(1, counted)
