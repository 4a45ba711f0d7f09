-- Write mix: submissions and approvals. Each wrk thread keeps its own queue of cases in flight: a new
-- application (POST /api/v1/cases, as si-lege or hb-lege) comes back as a draft and is queued; every answered
-- action queues the case's next step for the role that owns it —
--   draft -> submit (lege) -> assess (avdelingsleder) -> assess with priority (divisjonsdirektor)
--         -> assess naming its members (komite) -> approve (direktor)   (chain v2)
-- with `If-Match` set to the version the last response returned. A connection takes the oldest queued step,
-- or submits a new application when the queue is empty, so the mix settles at about one submission to five
-- approval steps. A case lives in one thread only, so a 409 here means the server lost track of a version.
dofile((os.getenv("TILGANG_BENCH_LUA") or "bench/wrk") .. "/common.lua")

local data = load_data()
local drafts = {}
local draft_position = 1
local queue = {}
local head, tail = 1, 0

local next_step = {
  draft = { action = "submit", role = "lege" },
  department_review = {
    action = "assess", role = "avdelingsleder",
    fields = ',"assessmentKind":"recommend_approval","assessment":"Faglig forsvarlig."',
  },
  division_review = {
    action = "assess", role = "divisjonsdirektor",
    fields = ',"assessmentKind":"recommend_approval","benefit":"Stor","resourceUse":"Moderat","severity":"Alvorlig"',
  },
  -- The committee's members: the ids load_setup.py wrote for each trust's committee member (data.members).
  committee_review = { action = "assess", role = "komite", members = true },
  director_decision = { action = "approve", role = "direktor", fields = ',"comment":"Godkjent i 12 mnd"' },
}

local function headers_for(user)
  local token = data.tokens[user]
  if token == nil then error("write.lua: no token for " .. user) end
  return { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json",
           ["Content-Type"] = "application/json" }
end

function init(args)
  for i, d in ipairs(data.drafts or {}) do
    drafts[i] = wrk.format("POST", "/api/v1/cases", headers_for(d.user), d.body)
  end
  if #drafts == 0 then error("write.lua: TILGANG_BENCH_DATA has no drafts") end
  draft_position = ((thread_index or 0) * 31) % #drafts + 1
end

bench.response = function(status, headers, body)
  if status ~= 200 and status ~= 201 then return end
  local id = body:match('"id":"([%x%-]+)"')
  local state = body:match('"state":"([%a_]+)"')
  local version = body:match('"version":(%d+)')
  local trust = body:match('"trust":"(%u+)"')
  if id and state and version and trust and next_step[state] then
    tail = tail + 1
    queue[tail] = { id = id, state = state, version = version, trust = trust }
  end
end

function request()
  if head <= tail then
    local case = queue[head]
    queue[head] = nil
    head = head + 1
    local step = next_step[case.state]
    local headers = headers_for(string.lower(case.trust) .. "-" .. step.role)
    headers["If-Match"] = '"' .. case.version .. '"'
    local fields = step.fields or ""
    if step.members then
      local member = data.members[string.lower(case.trust) .. "-" .. step.role]
      fields = ',"assessmentKind":"recommend_approval","assessment":"Anbefales.","members":["' .. member .. '"]'
    end
    local body = '{"action":"' .. step.action .. '"' .. fields .. "}"
    return wrk.format("POST", "/api/v1/cases/" .. case.id .. "/actions", headers, body)
  end
  local r = drafts[draft_position]
  draft_position = draft_position % #drafts + 1
  return r
end
