-- KEYS[1]: the sandbox payment. ARGV: status (SUCCEEDED or FAILED), completed ms.
-- PENDING -> the status once: changed, same (already so), missing, or the other status.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'missing' end
if status == 'PENDING' then
  redis.call('HSET', KEYS[1], 'status', ARGV[1], 'completed', ARGV[2])
  return 'changed'
end
if status == ARGV[1] then return 'same' end
return status
