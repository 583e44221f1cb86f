-- wrk script for the soak: a steady stream of distinct pushes, as TCCC sends them: a CDR of a
-- new call, its recording, and a voicemail of another call, each connection pausing SOAK_DELAY_MS
-- between two requests (wrk's delay()), so the rate is connections * 1000 / SOAK_DELAY_MS.
local cdr = io.open("examples/cdr.json"):read("*a")
local delay_ms = tonumber(os.getenv("SOAK_DELAY_MS") or "40")
local prefix = tostring(os.time())
local counter = 0

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local call = math.floor((counter + 2) / 3)
  local session = "soak-" .. prefix .. "-" .. tid .. "-" .. call
  local kind = counter % 3
  local action, body
  if kind == 1 then
    action = "cdr&version=1"
    body = cdr:gsub('"SessionId"%s*:%s*"[^"]*"', '"SessionId":"' .. session .. '"')
  elseif kind == 2 then
    action = "record&version=1"
    body = '{"SdkAppId":1400264214,"RecordId":"rec-' .. session .. '","SessionId":"' .. session ..
      '","Timestamp":1700000000,"EndpointUser":"008618486147605","RecordURL":"https://recorder.example/' .. session .. '.mp3"}'
  else
    action = "voicemail"
    body = '{"SdkAppId":1400264214,"SessionId":"' .. session .. '-vm","Timestamp":1700000000,' ..
      '"RecordURL":"https://recorder.example/' .. session .. '-vm.mp3","EndpointUser":13123456789}'
  end
  return wrk.format("POST", "/tccc/push?action=" .. action, {
    ["Content-Type"] = "application/json; charset=utf8",
    ["X-TCCC-PUSH-UUID"] = "soak-" .. tid .. "-" .. counter .. "-" .. prefix
  }, body)
end
