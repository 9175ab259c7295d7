-- KEYS: dirty; ARGV: now ms, user id. Keeps the time of the first change not yet written.
redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2])
return {'1'}
