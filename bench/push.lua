-- wrk script: POSTs examples/cdr.json as TCCC does. PUSH_IDS=unique gives every request a new
-- X-TCCC-PUSH-UUID (each one is stored); PUSH_IDS=same repeats one (all duplicates after the first).
-- PUSH_RATE=<requests/s> (with WRK_THREADS, wrk's -t) sends at that steady rate instead of as fast
-- as the connections allow: each thread keeps its own schedule of send times and wrk's delay()
-- holds every request until its slot comes.
local body = io.open("examples/cdr.json"):read("*a")
local mode = os.getenv("PUSH_IDS") or "unique"
local counter = 0
local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1, 1e9))

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end

function request()
  counter = counter + 1
  local id = mode == "same" and "bench-duplicate" or (prefix .. "-" .. tid .. "-" .. counter)
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json; charset=utf8",
    ["X-TCCC-PUSH-UUID"] = id
  }, body)
end

local rate = tonumber(os.getenv("PUSH_RATE") or "")
if rate then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock, bench_timespec *now);
  ]]
  local now = ffi.new("bench_timespec")
  local function millis()
    ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local interval = 1000 / (rate / tonumber(os.getenv("WRK_THREADS") or "1"))
  local slot

  -- called before each request: the wait until this request's slot in the thread's schedule
  function delay()
    local t = millis()
    slot = slot and slot + interval or t
    return math.max(0, math.floor(slot - t))
  end
end
