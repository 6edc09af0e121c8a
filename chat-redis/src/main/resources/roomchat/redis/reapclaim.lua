-- Claims the reaping of a node whose lease ran out, checked in the same step so that a node that
-- renewed in the meantime is never reaped. The claim lapses, so a reaper that dies midway is followed.
-- KEYS: the nodes (sorted set), the node's reap claim.  ARGV: node id, reaper's id, claim's life (ms).
-- "Run out" by Redis's clock, as the lease was set: the nodes' clocks need not agree.
-- Returns 1 if claimed, 0 if the node is alive, gone or claimed by another.
local now = redis.call('TIME')
local millis = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry or tonumber(expiry) >= millis then
  return 0
end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then
  return 1
end
return 0
