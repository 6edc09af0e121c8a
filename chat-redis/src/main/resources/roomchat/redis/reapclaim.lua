-- Claims the reaping of a node whose lease ran out, checked in the same step so that a node that
-- renewed in the meantime is never reaped. The claim lapses, so a reaper that dies midway is followed.
-- KEYS: the nodes (sorted set), the node's reap claim.  ARGV: node id, now (ms), reaper's id, claim's life (ms).
-- Returns 1 if claimed, 0 if the node is alive, gone or claimed by another.
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not expiry or tonumber(expiry) >= tonumber(ARGV[2]) then
  return 0
end
if redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then
  return 1
end
return 0
