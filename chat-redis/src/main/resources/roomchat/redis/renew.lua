-- Renews a node's lease, unless a peer is reaping the node: then the node is dead to the cluster and
-- must not come back to life under members the peer is taking out.
-- KEYS: the nodes (sorted set), the node's reap claim.  ARGV: node id, the lease's length (ms).
-- The expiry is Redis's time plus the lease: the nodes' clocks need not agree.
-- Returns 'reaping' (not renewed), 'renewed' (it had a lease, perhaps run out) or 'new' (it had none).
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 'reaping'
end
local had = redis.call('ZSCORE', KEYS[1], ARGV[1])
local now = redis.call('TIME')
local expiry = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], string.format('%.0f', expiry), ARGV[1])
if had then
  return 'renewed'
end
return 'new'
