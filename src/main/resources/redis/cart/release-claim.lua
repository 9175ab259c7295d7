-- KEYS: claimed; ARGV: member, claim score. Drops the claim unless another instance has claimed since.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
return {'1'}
