-- One page of a room as :who shows it. KEYS: meta, members, names, hosts.  ARGV: offset, count.
-- Returns {room name, topic ('' if none), locked (0/1), member count, name1, host1 (0/1), name2, host2...}
-- or {} when the room is gone.
local meta = redis.call('HMGET', KEYS[1], 'name', 'topic', 'pw')
if not meta[1] then
  return {}
end
local reply = {meta[1], meta[2] or '', meta[3] and 1 or 0, redis.call('ZCARD', KEYS[2])}
local offset = tonumber(ARGV[1])
local refs = redis.call('ZRANGE', KEYS[2], offset, offset + tonumber(ARGV[2]) - 1)
for i = 1, #refs do
  reply[#reply + 1] = redis.call('HGET', KEYS[3], refs[i]) or '?'
  reply[#reply + 1] = redis.call('SISMEMBER', KEYS[4], refs[i])
end
return reply
