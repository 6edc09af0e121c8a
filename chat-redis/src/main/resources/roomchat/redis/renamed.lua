-- Shows a member's new name in the room it is in, if it is still there.
-- KEYS: members, names.  ARGV: member ref, new name.
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  return 1
end
return 0
