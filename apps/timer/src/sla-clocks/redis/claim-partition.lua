--[[
  Takes a partition for a new owner: later writes of the previous owner are refused.

  Input:
    KEYS[1]  the partition's epoch key
    KEYS[2]  the partition's "built" key
    ARGV[1]  the new owner's token

  Output:
    1  the state is intact
    0  the state is lost or was never built: the owner rebuilds it, then marks it built
]]
redis.call('SET', KEYS[1], ARGV[1])
return redis.call('EXISTS', KEYS[2])
