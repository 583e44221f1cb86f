-- wrk script: POSTs examples/cdr.json as TCCC does. PUSH_IDS=unique gives every request a new
-- X-TCCC-PUSH-UUID (each one is stored); PUSH_IDS=same repeats one (all duplicates after the first).
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
