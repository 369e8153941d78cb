-- wrk script for bench/load-mix.sh: signed-in clients using the API at once.
--
-- Environment (set by load-mix.sh):
--   TOKENS_FILE  one "email token" line per client
--   PLAN_FILE    the safety plan (JSON) that saves send
--   THREADS      wrk's -t; each thread takes every THREADS-th client
--   MIX          weights, default "read=70,save=10,me=10,signin=10":
--                read    GET /api/v1/me/safety-plan (an audited read of the client's own plan)
--                save    PUT /api/v1/me/safety-plan (a new version of the plan)
--                me      GET /api/v1/me
--                signin  POST /api/v1/auth/token with the client's email and a wrong password;
--                        after a few failures the per-address throttle answers 429, as it should
--
-- With one connection per thread (-t equal to -c, as load-mix.sh runs it) each connection is one
-- client: its own token, and never two of its requests at the same time, as with a person.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local function read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local text = f:read("*a")
  f:close()
  return text
end

-- In wrk's main Lua state: hand each thread its clients (a global in the thread's own state).
function setup_thread(thread, n)
  local threads = tonumber(os.getenv("THREADS") or "1")
  local lines = {}
  for line in read_file(os.getenv("TOKENS_FILE")):gmatch("[^\n]+") do table.insert(lines, line) end
  assert(#lines > 0, "no tokens in TOKENS_FILE")
  local mine = {}
  for i = n, #lines, threads do table.insert(mine, lines[i]) end
  -- Fewer clients than threads: threads share clients, in turn.
  if #mine == 0 then table.insert(mine, lines[(n - 1) % #lines + 1]) end
  thread:set("assigned_clients", table.concat(mine, "\n"))
end

local clients = {}
local plan
local kinds, total_weight = {}, 0
local turn = 0

-- In each thread's state, before its first request.
function init(args)
  for line in assigned_clients:gmatch("[^\n]+") do
    local email, token = line:match("^(%S+)%s+(%S+)$")
    table.insert(clients, {
      email = email,
      bearer = { Authorization = "Bearer " .. token },
      bearer_json = { Authorization = "Bearer " .. token, ["Content-Type"] = "application/json" },
      wrong_password = string.format('{"email":"%s","password":"not the right passphrase"}', email),
    })
  end
  plan = read_file(os.getenv("PLAN_FILE"))
  for name, weight in (os.getenv("MIX") or "read=70,save=10,me=10,signin=10"):gmatch("(%w+)=(%d+)") do
    weight = tonumber(weight)
    if weight > 0 then
      total_weight = total_weight + weight
      table.insert(kinds, { name = name, upto = total_weight })
    end
  end
  assert(total_weight > 0, "MIX names no requests")
  math.randomseed(os.time() * 1000 + thread_number)
  -- With several threads in step, a different start avoids the same client on every thread.
  turn = thread_number
end

local json_only = { ["Content-Type"] = "application/json" }

function request()
  turn = turn % #clients + 1
  local client = clients[turn]
  local pick, kind = math.random(total_weight), nil
  for _, k in ipairs(kinds) do
    if pick <= k.upto then kind = k.name break end
  end
  report_sent(kind)
  if kind == "read" then
    return wrk.format("GET", "/api/v1/me/safety-plan", client.bearer)
  elseif kind == "save" then
    return wrk.format("PUT", "/api/v1/me/safety-plan", client.bearer_json, plan)
  elseif kind == "me" then
    return wrk.format("GET", "/api/v1/me", client.bearer)
  elseif kind == "signin" then
    return wrk.format("POST", "/api/v1/auth/token", json_only, client.wrong_password)
  end
  error("unknown kind of request in MIX: " .. kind)
end
