-- KEYS: the sale's meta, remaining, buyers, the reservation's key, stats; ARGV: owner, units, now ms, key life ms.
-- Answers the units left, or -1 (sold out), -2 (sale not loaded), -3 (outside the window), -4 (over the
-- per-customer limit).
-- Reporting (issue 15): KEYS[5] counts attempts and sold-out answers and keeps when the pool first ran dry,
-- in this same call (same hash slot, no extra round trip); it never expires and nothing here reads it.
local remaining = redis.call('GET', KEYS[2])
if not remaining then return -2 end
local meta = redis.call('HMGET', KEYS[1], 'starts', 'ends', 'limit')
if not meta[1] or not meta[2] or not meta[3] then return -2 end
redis.call('HINCRBY', KEYS[5], 'attempts', 1)
local now = tonumber(ARGV[3])
if now < tonumber(meta[1]) or now >= tonumber(meta[2]) then return -3 end
remaining = tonumber(remaining)
local quantity = tonumber(ARGV[2])
if remaining < quantity then redis.call('HINCRBY', KEYS[5], 'sold_out', 1) return -1 end
local held = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if held + quantity > tonumber(meta[3]) then return -4 end
redis.call('DECRBY', KEYS[2], quantity)
redis.call('HINCRBY', KEYS[3], ARGV[1], quantity)
redis.call('SET', KEYS[4], quantity .. ':' .. ARGV[1], 'PX', ARGV[4])
if remaining == quantity then redis.call('HSETNX', KEYS[5], 'sold_out_at', ARGV[3]) end
return remaining - quantity
