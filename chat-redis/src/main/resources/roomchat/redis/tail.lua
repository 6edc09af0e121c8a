-- A room's last sequence number and the newest entries of its stream, read together (RoomFeed's seed).
-- KEYS: 1 the room's seq counter, 2 its events stream. ARGV: 1 how many entries at most.
-- Returns {last seq (0 if none), {newest entry's wire, …, oldest's}}.
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local entries = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', ARGV[1])
local wires = {}
for i, entry in ipairs(entries) do
  wires[i] = entry[2][2]
end
return {last, wires}
