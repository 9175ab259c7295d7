-- KEYS[1]: the sandbox payment, KEYS[2]: the refund. Fails a refund that had succeeded, as a card's bank may:
-- the amount is no longer refunded. Answers failed:<amount>, same (already failed) or missing.
local amount = redis.call('HGET', KEYS[2], 'amount')
if not amount then return 'missing' end
local status = redis.call('HGET', KEYS[2], 'status')
if status == 'FAILED' then return 'same' end
redis.call('HSET', KEYS[2], 'status', 'FAILED')
redis.call('HINCRBY', KEYS[1], 'refunded', -tonumber(amount))
return 'failed:' .. amount
