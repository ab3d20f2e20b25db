--[[
  Writes ticket records of one partition, only while the caller owns it (the fence).

  Input:
    KEYS[1]   the partition's epoch key (the owner's token)
    KEYS[2]   the partition's "built" key (present while its state is complete)
    KEYS[3..] the records' keys
    ARGV[1]   the caller's token
    ARGV[2..] per record, two arguments: the encoded record, and an expiry in ms ("0": none)

  Output:
    1  written
    0  the state is lost (no "built" marker): nothing written, the caller rebuilds
   -1  another member owns the partition: nothing written
]]
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
for i = 3, #KEYS do
  local value = ARGV[(i - 3) * 2 + 2]
  local ttl = tonumber(ARGV[(i - 3) * 2 + 3])
  if ttl > 0 then
    redis.call('SET', KEYS[i], value, 'PX', ttl)
  else
    redis.call('SET', KEYS[i], value)
  end
end
return 1
