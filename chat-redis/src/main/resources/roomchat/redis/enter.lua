-- Puts a member in a room that exists (or, for the default room, is made on first use).
-- KEYS: meta, members, names, hosts, arrivals, seq.
-- ARGV: member ref, member name, password digest ('' if none given), names to list, 'default' or 'enter', room name.
-- Returns {'ok', room name, topic ('' if none), last seq, others count, first others' names...},
-- or {'nosuch'}, {'locked', room name}, {'wrong', room name}, {'already', room name}.
local ref, name, digest, listed, mode = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
if redis.call('EXISTS', KEYS[1]) == 0 then
  if mode ~= 'default' then
    return {'nosuch'}
  end
  redis.call('HSET', KEYS[1], 'name', ARGV[6], 'unhosted', '1')
end
local meta = redis.call('HMGET', KEYS[1], 'name', 'pw', 'topic')
if meta[2] and mode ~= 'default' then
  if digest == '' then
    return {'locked', meta[1]}
  end
  if digest ~= meta[2] then
    return {'wrong', meta[1]}
  end
end
if redis.call('ZSCORE', KEYS[2], ref) then
  return {'already', meta[1]}
end
local others = redis.call('ZCARD', KEYS[2])
local first = redis.call('ZRANGE', KEYS[2], 0, listed - 1)
local reply = {'ok', meta[1], meta[3] or '', tonumber(redis.call('GET', KEYS[6]) or '0'), others}
if #first > 0 then
  local names = redis.call('HMGET', KEYS[3], unpack(first))
  for i = 1, #names do
    reply[#reply + 1] = names[i] or '?'
  end
end
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), ref)
redis.call('HSET', KEYS[3], ref, name)
return reply
