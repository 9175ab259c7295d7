-- Shared by the cart scripts (loaded in front of each): the status, then the cart's fields (HGETALL).
-- Statuses: 1 changed, 0 unchanged, -2 no such cart, -3 currency mismatch, -4 over the per-line cap,
-- -5 insufficient stock, -6 cart full, -7 no such line. A refusal leaves the cart unchanged.
local function reply(status)
  local all = redis.call('HGETALL', KEYS[1])
  table.insert(all, 1, tostring(status))
  return all
end
