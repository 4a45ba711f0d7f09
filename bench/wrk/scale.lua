-- bench/scale: one endpoint at a time. TILGANG_BENCH_DATA names a Lua file written by bench/scale_run.py:
--   return { requests = { { method = "GET", path = "/saker", headers = { Cookie = "…" } }, … } }
-- Each thread walks the list from its own starting point (several case ids, several users).
dofile((os.getenv("TILGANG_BENCH_LUA") or "bench/wrk") .. "/common.lua")

local data = load_data()
local requests = {}
local position = 1

function init(args)
  for _, spec in ipairs(data.requests or {}) do
    local headers = spec.headers or {}
    headers["Accept"] = headers["Accept"] or "application/json"
    requests[#requests + 1] = wrk.format(spec.method or "GET", spec.path, headers, spec.body)
  end
  if #requests == 0 then error("scale.lua: no requests in TILGANG_BENCH_DATA") end
  position = ((thread_index or 0) * 7919) % #requests + 1
end

function request()
  local r = requests[position]
  position = position % #requests + 1
  return r
end
