--[[
  Ends a rebuild: marks the partition's state complete, if the caller still owns it (the
  records were written before, in pipelined chunks). Also takes the epoch when Redis lost it.

  Input:
    KEYS[1]  the partition's epoch key
    KEYS[2]  the partition's "built" key (this layout's)
    KEYS[3]  the "built" key of the layout before the per-tenant indexes, removed
    ARGV[1]  the caller's token

  Output:
    1  marked built
   -1  another member owns the partition
]]
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return -1 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[3])
redis.call('SET', KEYS[2], '1')
return 1
