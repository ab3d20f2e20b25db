--[[
  Takes a partition for a new owner: later writes of the previous owner are refused.

  Input:
    KEYS[1]  the partition's epoch key
    KEYS[2]  the partition's "built" key (this layout's: `built:2`)
    KEYS[3]  the "built" key of the layout before the per-tenant indexes (`built`)
    ARGV[1]  the new owner's token

  Output:
    1  the state is intact
    0  the state is lost, was never built, or was written by a timer that keeps no per-tenant
       indexes (the older marker is there): the owner rebuilds it, then marks it built
]]
redis.call('SET', KEYS[1], ARGV[1])
if redis.call('EXISTS', KEYS[3]) == 1 then
  redis.call('DEL', KEYS[2])
  return 0
end
return redis.call('EXISTS', KEYS[2])
