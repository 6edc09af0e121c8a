-- Claims a screen name for a member, unless its key or one of its look-alike skeletons is held.
-- KEYS: names byKey, names bySkeleton.  ARGV: name key, member ref, name, skeletons...
-- Returns {'ok'}, {'taken'} or {'toolike', <name it would pass for>}.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
  return {'taken'}
end
for i = 4, #ARGV do
  local key = redis.call('HGET', KEYS[2], ARGV[i])
  if key then
    local holder = redis.call('HGET', KEYS[1], key)
    if holder then
      return {'toolike', string.sub(holder, string.find(holder, ' ', 1, true) + 1)}
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
for i = 4, #ARGV do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[1])
end
return {'ok'}
