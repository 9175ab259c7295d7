-- KEYS[1]: the sandbox payment. ARGV: cancelled ms.
-- PENDING -> CANCELED: changed; missing; otherwise the status it already has (CANCELED, SUCCEEDED, FAILED).
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status == 'PENDING' then
  redis.call('HSET', KEYS[1], 'status', 'CANCELED', 'completed', ARGV[1])
  return 'changed'
end
return status
