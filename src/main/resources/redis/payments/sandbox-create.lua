-- KEYS[1]: the sandbox payment. ARGV: reference, payment id, amount, currency, created ms, ttl ms, order, return URL.
-- A new PENDING payment: 1, or 0 when the reference exists already.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'reference', ARGV[1], 'payment', ARGV[2], 'amount', ARGV[3],
    'currency', ARGV[4], 'status', 'PENDING', 'created', ARGV[5], 'refunded', 0, 'order', ARGV[7],
    'return', ARGV[8])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1
