-- Frees a member's screen name, if the member still holds it.
-- KEYS: names byKey, names bySkeleton.  ARGV: name key, member ref, skeletons...
local holder = redis.call('HGET', KEYS[1], ARGV[1])
if holder and string.sub(holder, 1, #ARGV[2] + 1) == ARGV[2] .. ' ' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  for i = 3, #ARGV do
    if redis.call('HGET', KEYS[2], ARGV[i]) == ARGV[1] then
      redis.call('HDEL', KEYS[2], ARGV[i])
    end
  end
  return 1
end
return 0
