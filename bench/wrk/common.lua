-- Shared by every bench/load wrk script: counts response statuses per thread and, in done(), prints one
-- parseable line
--   WRK_RESULT {"requests":…,"duration_us":…,"latency_us":{"p50":…,"p90":…,"p99":…,"p999":…,"max":…,"mean":…},
--               "errors":{"connect":…,"read":…,"write":…,"status":…,"timeout":…},"statuses":{"200":…,"409":…}}
-- A script sets `bench` (a table) and may define bench.request() and bench.response(status, headers, body);
-- everything else is here.
--
-- TILGANG_BENCH_DATA names a Lua file written by bench/load_setup.py (tokens, case ids, request bodies).

bench = bench or {}
local threads = {}
local thread_count = 0

function load_data()
  local path = os.getenv("TILGANG_BENCH_DATA")
  if path == nil or path == "" then return {} end
  return dofile(path)
end

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

statuses = {}

function count_status(status)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function response(status, headers, body)
  count_status(status)
  if bench.response then bench.response(status, headers, body) end
end

local function json_object(t)
  local parts = {}
  for k, v in pairs(t) do
    table.insert(parts, string.format('"%s":%s', k, tostring(v)))
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

function done(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses") or {}
    for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
  end
  local lat = {
    p50 = latency:percentile(50), p90 = latency:percentile(90), p99 = latency:percentile(99),
    p999 = latency:percentile(99.9), max = latency.max, mean = string.format("%.1f", latency.mean),
  }
  local e = summary.errors
  io.write("WRK_RESULT {",
    string.format('"requests":%d,"duration_us":%d,"bytes":%d,', summary.requests, summary.duration, summary.bytes),
    '"latency_us":', json_object(lat), ",",
    '"errors":', json_object({connect = e.connect, read = e.read, write = e.write, status = e.status,
                              timeout = e.timeout}), ",",
    '"statuses":', json_object(merged), "}\n")
end
