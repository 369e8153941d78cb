-- What every benchmark's wrk run reports, shared by the wrk scripts in bench/ (they load it with
-- dofile; on its own it measures one fixed request: `wrk -s bench/report.lua URL`).
--
-- Each thread counts its responses by status class (2xx, 3xx, 4xx other than 429, 429, 5xx) and,
-- when the script names the kind of each request it sends (report_sent("read")), by kind too.
-- done() adds the threads up and prints a table, wrk's errors (timeouts, socket errors), the
-- latency percentiles, and one line for the shell scripts to read:
--
--   wrk-result requests=N seconds=S rps=R ok_rps=R2 s2xx=.. s3xx=.. s4xx=.. s429=.. s5xx=..
--              timeouts=.. connect_errors=.. read_errors=.. write_errors=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=..
--
-- ok_rps counts only 2xx answers: an app that answers errors quickly doesn't look fast.
--
-- 4xx answers other than refused sign-ins (told apart by their body) are counted apart as
-- unexpected_4xx, whatever request they answered.
--
-- Kinds are matched to responses in the order they were sent, which is exact when each wrk
-- thread has one connection (-t equal to -c); with more connections per thread the table by
-- kind is left out (set report_by_kind = false) and only the totals are printed.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
  if setup_thread then setup_thread(thread, #threads) end
end

counts = {}
local sent, first, last = {}, 1, 0

function report_sent(kind)
  last = last + 1
  sent[last] = kind
end

local function class(status)
  if status == 429 then return "429" end
  if status >= 200 and status < 300 then return "2xx" end
  if status >= 300 and status < 400 then return "3xx" end
  if status >= 400 and status < 500 then return "4xx" end
  if status >= 500 and status < 600 then return "5xx" end
  return "other"
end

function response(status, headers, body)
  local kind = "all"
  if first <= last then
    kind = sent[first]
    sent[first] = nil
    first = first + 1
  end
  local key = kind .. " " .. class(status)
  counts[key] = (counts[key] or 0) + 1
  -- A 4xx that isn't a refused sign-in (a wrong password, or the throttle) is a real problem
  -- whatever request it answered; told apart by its body, not by the order of requests.
  if status >= 400 and status < 500 and not (body and (body:find("match an account", 1, true)
      or body:find("Too many attempts", 1, true))) then
    counts["unexpected 4xx"] = (counts["unexpected 4xx"] or 0) + 1
  end
end

local classes = { "2xx", "3xx", "4xx", "429", "5xx", "other" }

function done(summary, latency, requests)
  local by_kind, kinds, total = {}, {}, {}
  for _, c in ipairs(classes) do total[c] = 0 end
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts") or {}) do
      local kind, c = key:match("^(.*) (%S+)$")
      if kind == "unexpected" then
        unexpected_4xx = (unexpected_4xx or 0) + n
      else
        if not by_kind[kind] then
          by_kind[kind] = {}
          table.insert(kinds, kind)
        end
        by_kind[kind][c] = (by_kind[kind][c] or 0) + n
        total[c] = total[c] + n
      end
    end
  end
  table.sort(kinds)

  local seconds = summary.duration / 1e6
  local answered = 0
  for _, c in ipairs(classes) do answered = answered + total[c] end
  io.write("\nresponses by status class", (report_by_kind ~= false and #kinds > 1) and " and kind of request" or "", ":\n")
  io.write(string.format("  %-8s %9s %9s %9s %9s %9s %9s\n", "", "answered", "2xx", "3xx", "4xx", "429", "5xx"))
  local function row(name, t)
    local sum = 0
    for _, c in ipairs(classes) do sum = sum + (t[c] or 0) end
    io.write(string.format("  %-8s %9d %9d %9d %9d %9d %9d\n", name, sum,
      t["2xx"] or 0, t["3xx"] or 0, t["4xx"] or 0, t["429"] or 0, (t["5xx"] or 0) + (t["other"] or 0)))
  end
  if report_by_kind ~= false and #kinds > 1 then
    for _, kind in ipairs(kinds) do row(kind, by_kind[kind]) end
  end
  row("total", total)
  local e = summary.errors
  io.write(string.format("errors: %d timeouts, %d connect, %d read, %d write\n", e.timeout, e.connect, e.read, e.write))
  local function ms(us) return us / 1000 end
  io.write(string.format("latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max)))

  local fields = {
    string.format("requests=%d", summary.requests),
    string.format("seconds=%.3f", seconds),
    string.format("rps=%.1f", summary.requests / seconds),
    string.format("ok_rps=%.1f", total["2xx"] / seconds),
    string.format("answered=%d", answered),
  }
  for _, c in ipairs(classes) do table.insert(fields, string.format("s%s=%d", c, total[c])) end
  for _, kind in ipairs(kinds) do
    for _, c in ipairs(classes) do
      local n = by_kind[kind][c]
      if n and report_by_kind ~= false then table.insert(fields, string.format("%s_%s=%d", kind, c, n)) end
    end
  end
  table.insert(fields, string.format("unexpected_4xx=%d", unexpected_4xx or 0))
  table.insert(fields, string.format("timeouts=%d", e.timeout))
  table.insert(fields, string.format("connect_errors=%d", e.connect))
  table.insert(fields, string.format("read_errors=%d", e.read))
  table.insert(fields, string.format("write_errors=%d", e.write))
  table.insert(fields, string.format("p50_ms=%.3f", ms(latency:percentile(50))))
  table.insert(fields, string.format("p90_ms=%.3f", ms(latency:percentile(90))))
  table.insert(fields, string.format("p99_ms=%.3f", ms(latency:percentile(99))))
  table.insert(fields, string.format("max_ms=%.3f", ms(latency.max)))
  io.write("wrk-result ", table.concat(fields, " "), "\n")
end
