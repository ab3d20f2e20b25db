--[[
  A wake-up's read in one round trip: the partition's tickets due by an instant, with their
  records, only while the caller owns the partition (the fence of a load). Two round trips before
  (the due index, then the records): each a socket write and a turn of a busy event loop.

  Input:
    KEYS[1]   the partition's "built" key (present while its state is complete)
    KEYS[2]   the partition's epoch key (the owner's token)
    KEYS[3]   the partition's due index (sorted set)
    ARGV[1]   the caller's token
    ARGV[2]   the instant (ms): tickets due at or before it
    ARGV[3]   how many at most, earliest first (more than that due: none read, -2)
    ARGV[4]   the prefix of the partition's record keys (the member follows it)

  Output:
    0  the state is lost (no "built" marker)
   -1  another member owns the partition
   -2  more than ARGV[3] tickets are due (the caller catches up, reading them its own way)
    otherwise a flat array: member, record (nil when absent), member, record, ...
  The record keys are the partition's (same hash tag as KEYS), derived here from the members.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return -1 end
local limit = tonumber(ARGV[3])
local members = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[2], 'LIMIT', 0, limit + 1)
if #members > limit then return -2 end
local out = {}
-- MGET in chunks: unpack() of more than a few thousand values overflows Lua's stack.
for from = 1, #members, 500 do
  local keys = {}
  for i = from, math.min(from + 499, #members) do keys[#keys + 1] = ARGV[4] .. members[i] end
  local values = redis.call('MGET', unpack(keys))
  for j = 1, #keys do
    out[#out + 1] = members[from + j - 1]
    out[#out + 1] = values[j]
  end
end
return out
