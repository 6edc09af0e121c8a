-- Test script: answers its key, its argument and a number; errors on purpose when asked to.
if ARGV[1] == 'fail' then
  return redis.error_reply('RC_REFUSED on purpose')
end
return {KEYS[1], ARGV[1], 42}
