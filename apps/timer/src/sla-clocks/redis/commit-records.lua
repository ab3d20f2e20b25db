--[[
  Writes ticket records of one partition, only while the caller owns it (the fence), and keeps
  the partition's indexes in step with them: the due index (ticket → instant its timer goes off)
  and the paused index (ticket → start of its open pause), both read by the at-risk board.

  Input:
    KEYS[1]   the partition's epoch key (the owner's token)
    KEYS[2]   the partition's "built" key (present while its state is complete)
    KEYS[3]   the partition's due index (sorted set)
    KEYS[4]   the partition's paused index (sorted set)
    KEYS[5..] the records' keys
    ARGV[1]   the caller's token
    ARGV[2..] per record, five arguments: the encoded record, an expiry in ms ("0": none), the
              instant its timer goes off ("": none), its member in the indexes, and the start of
              its open pause under the version governing it ("": not paused)

  Output:
    1  written
    0  the state is lost (no "built" marker): nothing written, the caller rebuilds
   -1  another member owns the partition: nothing written
]]
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
for i = 5, #KEYS do
  local at = (i - 5) * 5 + 2
  local ttl = tonumber(ARGV[at + 1])
  if ttl > 0 then
    redis.call('SET', KEYS[i], ARGV[at], 'PX', ttl)
  else
    redis.call('SET', KEYS[i], ARGV[at])
  end
  if ARGV[at + 2] == '' then
    redis.call('ZREM', KEYS[3], ARGV[at + 3])
  else
    redis.call('ZADD', KEYS[3], ARGV[at + 2], ARGV[at + 3])
  end
  if ARGV[at + 4] == '' then
    redis.call('ZREM', KEYS[4], ARGV[at + 3])
  else
    redis.call('ZADD', KEYS[4], ARGV[at + 4], ARGV[at + 3])
  end
end
return 1
