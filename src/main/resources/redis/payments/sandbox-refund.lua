-- KEYS[1]: the sandbox payment, KEYS[2]: the refund. ARGV: amount (empty: all that is left), currency (empty: any), ttl ms.
-- new:<amount>, existing:<amount> (the same refund id again), missing, not_paid, currency or over.
local existing = redis.call('HGET', KEYS[2], 'amount')
if existing then return 'existing:' .. existing end
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status ~= 'SUCCEEDED' then return 'not_paid' end
if ARGV[2] ~= '' and ARGV[2] ~= redis.call('HGET', KEYS[1], 'currency') then return 'currency' end
local amount = tonumber(redis.call('HGET', KEYS[1], 'amount'))
local refunded = tonumber(redis.call('HGET', KEYS[1], 'refunded'))
local wanted = amount - refunded
if ARGV[1] ~= '' then wanted = tonumber(ARGV[1]) end
if wanted <= 0 or refunded + wanted > amount then return 'over' end
redis.call('HINCRBY', KEYS[1], 'refunded', wanted)
redis.call('HSET', KEYS[2], 'amount', wanted, 'status', 'SUCCEEDED')
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 'new:' .. wanted
