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
    ARGV[2..] per record, eight arguments: the encoded record, or what follows the part of the
              stored one it keeps (see the last two); an expiry in ms ("0": none), the instant its
              timer goes off ("": none), its member in the indexes, the start of its open pause
              under the version governing it ("": not paused), its tenant; "" when the first is
              the whole record, else the record extends the stored one (a long-lived ticket's
              history is not sent again at each update): "+" or "=" then what follows the events
              in the stored record (its marks and armed instant); last, the stored record's last
              event. The stored record must end with that event, the events' closing bracket and
              that rest; the record is the stored one up to that bracket, dropped for "+" (events
              were added), kept for "=", then the first argument

  Output:
    1  written
    0  the state is lost (no "built" marker): nothing written, the caller rebuilds
   -1  another member owns the partition: nothing written
   -2  a stored record is not the one a write extends: nothing written, the caller sends whole records
]]
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local kept = {}
for i = 6, #KEYS, 3 do
  local at = (i - 6) / 3 * 8 + 2
  local extending, last = ARGV[at + 6], ARGV[at + 7]
  if extending ~= '' then
    local rest = string.sub(extending, 2)
    local stored = redis.call('GET', KEYS[i])
    if not stored then return -2 end
    local bracket = #stored - #rest
    local ending = last .. ']' .. rest
    if #stored <= #ending or string.sub(stored, -#ending) ~= ending then return -2 end
    if string.sub(extending, 1, 1) == '+' then bracket = bracket - 1 end
    kept[i] = string.sub(stored, 1, bracket)
  end
end
for i = 6, #KEYS, 3 do
  local at = (i - 6) / 3 * 8 + 2
  local record, ttl, due, member, paused = ARGV[at], tonumber(ARGV[at + 1]), ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  if kept[i] then record = kept[i] .. record end
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
