-- wrk script for writes.sh. Environment:
--   MODE=checkout: POST BODY (JSON) with HEADER1 ("Name: value") and an Idempotency-Key of its own per request,
--     "<RUN_ID>-<thread>-<n>": unique across wrk's threads and across runs (RUN_ID is new per wrk run), so
--     every request is a new checkout, never a replay.
--   MODE=webhook: walks EVENTS, a file of "<signature>\t<body>" lines, sending each body with the header
--     SIGNATURE_HEADER; thread i of THREADS takes lines i, i + THREADS, ... so no two threads send the same
--     event. A thread whose lines are all answered stops (its connections that asked for more meanwhile sent
--     its first line again: redeliveries, counted apart); the rate is then taken over the time until the last
--     thread stopped, not over wrk's -d (wrk always reports that).
-- Prints one line: BENCH requests req/s p50 p95 p99 (ms) statuses new-events redeliveries; for webhooks req/s is
-- new events answered per second.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } writes_timespec;
int clock_gettime(int clock, writes_timespec *t);
]]
local clock = ffi.new("writes_timespec")
local function now() -- seconds, CLOCK_MONOTONIC
  ffi.C.clock_gettime(1, clock)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) / 1e9
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  counts, fresh, dup, answered, started, finished = {}, 0, 0, 0, 0, 0
  mode = os.getenv("MODE") or "checkout"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  if mode == "checkout" then
    wrk.body = os.getenv("BODY")
    local k, v = (os.getenv("HEADER1") or ""):match("^([^:]+):%s*(.*)$")
    if k then wrk.headers[k] = v end
    prefix = (os.getenv("RUN_ID") or tostring(os.time())) .. "-" .. id .. "-"
    n = 0
  else
    local every = tonumber(os.getenv("THREADS") or "1")
    local header = os.getenv("SIGNATURE_HEADER") or "Surge-Sandbox-Signature"
    events, n, line = {}, 0, 0
    for l in io.lines(os.getenv("EVENTS")) do
      if line % every == id - 1 then
        local sig, body = l:match("^([^\t]+)\t(.*)$")
        table.insert(events, { headers = { ["Content-Type"] = "application/json", [header] = sig }, body = body })
      end
      line = line + 1
    end
  end
end

function request()
  n = n + 1
  if mode == "checkout" then
    wrk.headers["Idempotency-Key"] = prefix .. n
    return wrk.format()
  end
  if started == 0 then started = now() end
  local e = events[n <= #events and n or 1]
  return wrk.format("POST", nil, e.headers, e.body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if mode == "webhook" and status == 200 then
    if body:find('"duplicate":false', 1, true) then fresh = fresh + 1
    elseif body:find('"duplicate":true', 1, true) then dup = dup + 1 end
  end
  if mode == "webhook" then
    answered = answered + 1
    if answered == #events then
      finished = now()
      wrk.thread:stop()
    end
  end
end

function done(summary, latency)
  local merged, parts, f, d = {}, {}, 0, 0
  local webhook = os.getenv("MODE") == "webhook" -- done() runs in wrk's main state, where init() did not run
  local seconds = summary.duration / 1e6
  if webhook then
    local longest = 0
    for _, t in ipairs(threads) do
      local s, e = t:get("started"), t:get("finished")
      longest = math.max(longest, e > 0 and e - s or seconds)
    end
    seconds = math.min(seconds, longest)
  end
  for _, t in ipairs(threads) do
    for s, c in pairs(t:get("counts")) do merged[s] = (merged[s] or 0) + c end
    f = f + t:get("fresh")
    d = d + t:get("dup")
  end
  for s, c in pairs(merged) do table.insert(parts, s .. "=" .. c) end
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.timeout
  if failed > 0 then table.insert(parts, "socket-errors=" .. failed) end
  table.sort(parts)
  if #parts == 0 then parts = { "none" } end
  io.write(string.format("BENCH %d %.0f %.1f %.1f %.1f %s %d %d\n", summary.requests,
    (webhook and f or summary.requests) / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, table.concat(parts, ","), f, d))
end
