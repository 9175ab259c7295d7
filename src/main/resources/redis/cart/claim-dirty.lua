-- KEYS: dirty, claimed; ARGV: now ms, lease ms, batch. Claims return to the dirty set when their lease
-- ran out (an instance died while writing); then the oldest dirty carts are claimed at now.
local stale = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]),
  'LIMIT', 0, tonumber(ARGV[3]))
for _, m in ipairs(stale) do
  redis.call('ZREM', KEYS[2], m)
  redis.call('ZADD', KEYS[1], 'NX', 0, m)
end
local due = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
for _, m in ipairs(due) do
  redis.call('ZREM', KEYS[1], m)
  redis.call('ZADD', KEYS[2], ARGV[1], m)
end
return due
