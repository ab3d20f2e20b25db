--[[
  Starts a rebuild: removes the partition's indexes (shared and per-tenant) and its "built"
  markers, if the caller still owns it, so that the rebuilt indexes hold exactly the restored
  records (an index left from before may name tickets done since). Records are kept: a closed
  ticket's stays readable until it expires.

  Input:
    KEYS[1]   the partition's epoch key
    KEYS[2..] the keys to remove: both "built" markers, the shared due and paused indexes, the
              set of tenants, and each tenant's due and paused index
    ARGV[1]   the caller's token

  Output:
    1  cleared
   -1  another member owns the partition: nothing removed
]]
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return -1 end
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
return 1
