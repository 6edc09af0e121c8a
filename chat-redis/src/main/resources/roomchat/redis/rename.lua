-- Changes a member's screen name: the new one is claimed and the old one freed at once.
-- KEYS: names byKey, names bySkeleton.
-- ARGV: new key, member ref, new name, old key, count of new skeletons n, n new skeletons, old skeletons...
-- Returns {'ok'}, {'taken'} or {'toolike', <name it would pass for>}.
local newKey, ref, newName, oldKey = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local n = tonumber(ARGV[5])
local function refOf(holder)
  return string.sub(holder, 1, string.find(holder, ' ', 1, true) - 1)
end
local holder = redis.call('HGET', KEYS[1], newKey)
if holder and refOf(holder) ~= ref then
  return {'taken'}
end
for i = 6, 5 + n do
  local key = redis.call('HGET', KEYS[2], ARGV[i])
  if key then
    local other = redis.call('HGET', KEYS[1], key)
    if other and refOf(other) ~= ref then
      return {'toolike', string.sub(other, string.find(other, ' ', 1, true) + 1)}
    end
  end
end
local old = redis.call('HGET', KEYS[1], oldKey)
if old and refOf(old) == ref then
  redis.call('HDEL', KEYS[1], oldKey)
end
for i = 6 + n, #ARGV do
  if redis.call('HGET', KEYS[2], ARGV[i]) == oldKey then
    redis.call('HDEL', KEYS[2], ARGV[i])
  end
end
redis.call('HSET', KEYS[1], newKey, ref .. ' ' .. newName)
for i = 6, 5 + n do
  redis.call('HSET', KEYS[2], ARGV[i], newKey)
end
return {'ok'}
