-- Orders one event in one room, atomically (RedisBroker.publish).
-- KEYS: 1 the room's members (sorted set of refs), 2 its seq counter, 3 its events stream.
-- ARGV: 1 "1" if the actor must be in the room, 2 the actor's ref, 3 the stream's length,
--       4 the room's channel, 5 the event's JSON.
-- Returns the sequence number given, or 0 when refused (the actor is not in the room).
if ARGV[1] == '1' and not redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  return 0
end
local seq = redis.call('INCR', KEYS[2])
local now = redis.call('TIME')
local millis = string.format('%.0f', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000))
local wire = seq .. ' ' .. millis .. ' ' .. ARGV[5]
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[3], seq .. '-0', 'm', wire)
redis.call('PUBLISH', ARGV[4], wire)
return seq
