-- Shared by the cart scripts (loaded in front of each): the status, then the cart's fields (HGETALL).
-- Statuses: 1 changed, 0 unchanged, -2 no such cart, -3 currency mismatch, -4 over the per-line cap,
-- -5 insufficient stock, -6 cart full, -7 no such line. A refusal leaves the cart unchanged.
-- counted (optional): what this change counted for the carts report ('SI' a cart started with its first line,
-- 'I' a started cart's first line), answered as a last pseudo-field '!counted' that no hash field can be.
local function reply(status, counted)
  local all = redis.call('HGETALL', KEYS[1])
  table.insert(all, 1, tostring(status))
  if counted and counted ~= '' then
    table.insert(all, '!counted')
    table.insert(all, counted)
  end
  return all
end
