-- Read mix: work lists, case pages and route decisions as several signed-in users of different roles.
-- The sequence (user, method, path, body) is prepared and shuffled by bench/load_setup.py; each thread walks
-- it from its own starting point, so every request carries the bearer token of the user it belongs to.
-- TILGANG_BENCH_KINDS (e.g. "case" or "list,pathway") keeps only those kinds: the per-kind breakdown.
dofile((os.getenv("TILGANG_BENCH_LUA") or "bench/wrk") .. "/common.lua")

local data = load_data()
local requests = {}
local position = 1

function init(args)
  local kinds = os.getenv("TILGANG_BENCH_KINDS")
  for _, spec in ipairs(data.read_sequence or {}) do
    if kinds == nil or kinds == "" or string.find("," .. kinds .. ",", "," .. spec.kind .. ",", 1, true) then
      local headers = { ["Authorization"] = "Bearer " .. data.tokens[spec.user], ["Accept"] = "application/json" }
      if spec.body then headers["Content-Type"] = "application/json" end
      requests[#requests + 1] = wrk.format(spec.method, spec.path, headers, spec.body)
    end
  end
  if #requests == 0 then
    error("read.lua: no requests in TILGANG_BENCH_DATA read_sequence (kinds: " .. tostring(kinds) .. ")")
  end
  position = ((thread_index or 0) * 7919) % #requests + 1
end

function request()
  local r = requests[position]
  position = position % #requests + 1
  return r
end
