-- Makes a room, with its maker in it as its host, unless a room of that name exists.
-- KEYS: meta, members, names, hosts, arrivals, seq.  ARGV: member ref, member name, room name.
-- Returns {'ok', room name, last seq} or {'exists', room name}.
local existing = redis.call('HGET', KEYS[1], 'name')
if existing then
  return {'exists', existing}
end
-- Whatever a room of this name left behind (a node that died mid-move) is not this room's.
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
redis.call('PERSIST', KEYS[6])
redis.call('HSET', KEYS[1], 'name', ARGV[3])
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[4], ARGV[1])
return {'ok', ARGV[3], tonumber(redis.call('GET', KEYS[6]) or '0')}
