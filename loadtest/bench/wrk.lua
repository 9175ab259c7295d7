-- wrk script for ratio.sh: method, body and up to two headers from the environment (METHOD, BODY,
-- HEADER1, HEADER2 as "Name: value"); prints one line with requests/s, latency and the statuses seen.
local all = {}
function setup(thread) table.insert(all, thread) end
function init(args)
  counts = {}
  wrk.method = os.getenv("METHOD") or "GET"
  local body = os.getenv("BODY") or ""
  if body ~= "" then wrk.body = body; wrk.headers["Content-Type"] = "application/json" end
  for _, name in ipairs({"HEADER1", "HEADER2"}) do
    local h = os.getenv(name) or ""
    local k, v = h:match("^([^:]+):%s*(.*)$")
    if k then wrk.headers[k] = v end
  end
end
function response(status) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency)
  local merged, parts = {}, {}
  for _, t in ipairs(all) do for s, n in pairs(t:get("counts")) do merged[s] = (merged[s] or 0) + n end end
  for s, n in pairs(merged) do table.insert(parts, s .. "=" .. n) end
  table.sort(parts)
  io.write(string.format("BENCH %.0f %.2f %.2f %s\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ",")))
end
