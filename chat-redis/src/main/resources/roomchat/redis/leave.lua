-- Takes a member out of a room. A hosted room left without hosts gets its longest-present member
-- as host; a hosted room left empty is removed (its sequence counter kept a day, so numbers go on).
-- KEYS: meta, members, names, hosts, arrivals, seq, events.  ARGV: member ref, seconds to keep seq.
-- Returns {'absent'}, {'removed', name, room name}
-- or {'left', remaining, new host's name ('' if none), name, room name}.
local ref = ARGV[1]
if not redis.call('ZSCORE', KEYS[2], ref) then
  return {'absent'}
end
local name = redis.call('HGET', KEYS[3], ref) or '?'
local roomName = redis.call('HGET', KEYS[1], 'name') or '?'
redis.call('ZREM', KEYS[2], ref)
redis.call('HDEL', KEYS[3], ref)
redis.call('SREM', KEYS[4], ref)
local remaining = redis.call('ZCARD', KEYS[2])
if redis.call('HGET', KEYS[1], 'unhosted') == '1' then
  return {'left', remaining, '', name, roomName}
end
if remaining == 0 then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[7])
  redis.call('EXPIRE', KEYS[6], tonumber(ARGV[2]))
  return {'removed', name, roomName}
end
local newHost = ''
if redis.call('SCARD', KEYS[4]) == 0 then
  local first = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
  redis.call('SADD', KEYS[4], first)
  newHost = redis.call('HGET', KEYS[3], first) or ''
end
return {'left', remaining, newHost, name, roomName}
