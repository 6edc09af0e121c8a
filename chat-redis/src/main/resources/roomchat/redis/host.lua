-- What only a room's host may do: set or clear the topic or password, kick a member, make one a host.
-- KEYS: meta, members, names, hosts.
-- ARGV: host ref, action ('topic', 'pw', 'kick', 'promote', or 'check': whether a host, then 'notin'),
--       value (topic, digest, or target ref; '' clears).
-- Returns {'unhosted'}, {'nothost'}, {'self'}, {'notin'}, {'done'}, {'promoted', name},
-- or {'kicked', name, remaining, new host's name ('' if none)}.
local hostRef, action, value = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', KEYS[1], 'unhosted') == '1' then
  return {'unhosted'}
end
if redis.call('SISMEMBER', KEYS[4], hostRef) == 0 or not redis.call('ZSCORE', KEYS[2], hostRef) then
  return {'nothost'}
end
if action == 'topic' or action == 'pw' then
  if value == '' then
    redis.call('HDEL', KEYS[1], action)
  else
    redis.call('HSET', KEYS[1], action, value)
  end
  return {'done'}
end
if value == hostRef then
  return {'self'}
end
if not redis.call('ZSCORE', KEYS[2], value) then
  return {'notin'}
end
local name = redis.call('HGET', KEYS[3], value) or '?'
if action == 'promote' then
  redis.call('SADD', KEYS[4], value)
  return {'promoted', name}
end
redis.call('ZREM', KEYS[2], value)
redis.call('HDEL', KEYS[3], value)
redis.call('SREM', KEYS[4], value)
return {'kicked', name, redis.call('ZCARD', KEYS[2]), ''}
