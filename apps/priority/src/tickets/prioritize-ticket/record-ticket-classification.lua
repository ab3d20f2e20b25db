--[[
  Records what one event says about its ticket's classification and returns the classification
  that now applies: the one with the latest event time. Comparison and write are one atomic
  step, so concurrent or out-of-order deliveries cannot interleave between them.

  Input:
    KEYS[1]     the ticket's hash, {prefix}{tenantId}:{ticketId}
    ARGV[1]     TTL in seconds, refreshed by every event of the ticket (an active ticket never
                loses its priority)
    ARGV[2..5]  only when the event carries a classification: impact, urgency, occurredAt (ms
                since the epoch), eventId

  Output:
    { impact, urgency, occurredAt, eventId } as stored after the call; all nil when none is known

  The candidate replaces the stored classification unless the stored one is strictly newer in
  event time. Ties go to the later arrival, so a redelivery of the same event changes nothing.
]]
if ARGV[2] then
  local stored = redis.call('HGET', KEYS[1], 'occurredAt')
  if (not stored) or tonumber(ARGV[4]) >= tonumber(stored) then
    redis.call('HSET', KEYS[1], 'impact', ARGV[2], 'urgency', ARGV[3], 'occurredAt', ARGV[4], 'eventId', ARGV[5])
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return redis.call('HMGET', KEYS[1], 'impact', 'urgency', 'occurredAt', 'eventId')
