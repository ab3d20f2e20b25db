--[[
  Writes ticket records of one partition, only while the caller owns it (the fence), and keeps
  the partition's indexes in step with them, each twice: across tenants (the firing's catch-up
  and the all-tenant board read those) and per tenant (a tenant's board reads only its own):
  the due index (ticket → instant its timer goes off) and the paused index (ticket → start of its
  open pause).

  Input:
    KEYS[1]   the partition's epoch key (the owner's token)
    KEYS[2]   the partition's "built" key (present while its state is complete)
    KEYS[3]   the partition's due index (sorted set)
    KEYS[4]   the partition's paused index (sorted set)
    KEYS[5]   the set of tenants with per-tenant indexes in the partition
    KEYS[6..] per record, three keys: the record's key, its tenant's due index, its tenant's
              paused index
    ARGV[1]   the caller's token
    ARGV[2..] per record, six arguments: the encoded record, an expiry in ms ("0": none), the
              instant its timer goes off ("": none), its member in the indexes, the start of its
              open pause under the version governing it ("": not paused), its tenant

  Output:
    1  written
    0  the state is lost (no "built" marker): nothing written, the caller rebuilds
   -1  another member owns the partition: nothing written
]]
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
for i = 6, #KEYS, 3 do
  local at = (i - 6) / 3 * 6 + 2
  local record, ttl, due, member, paused = ARGV[at], tonumber(ARGV[at + 1]), ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  if ttl > 0 then
    redis.call('SET', KEYS[i], record, 'PX', ttl)
  else
    redis.call('SET', KEYS[i], record)
  end
  redis.call('SADD', KEYS[5], ARGV[at + 5])
  if due == '' then
    redis.call('ZREM', KEYS[3], member)
    redis.call('ZREM', KEYS[i + 1], member)
  else
    redis.call('ZADD', KEYS[3], due, member)
    redis.call('ZADD', KEYS[i + 1], due, member)
  end
  if paused == '' then
    redis.call('ZREM', KEYS[4], member)
    redis.call('ZREM', KEYS[i + 2], member)
  else
    redis.call('ZADD', KEYS[4], paused, member)
    redis.call('ZADD', KEYS[i + 2], paused, member)
  end
end
return 1
