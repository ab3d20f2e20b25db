/**
 * Injection tokens, one per port, and the handler pattern: the names Nest wires by, in a leaf file
 * that the module and the consumers both import. Each token's provider is one part built in
 * `timer.components.ts`; each consumer types it by the interface it uses. The services run under
 * tsx, which emits no decorator metadata: every constructor parameter names its token with `@Inject`.
 */

/** `ClockReads` (the clock store's unfenced reads): the SLA view and the at-risk board. */
export const CLOCK_READS = 'timer:clock-reads';
/** `ClockUpdates` (the keeper): the handler applies a partition's batch through it. */
export const CLOCK_UPDATES = 'timer:clock-updates';
/** `PartitionFence` (the partition owner): the token proving this member owns a partition. */
export const PARTITION_FENCE = 'timer:partition-fence';
/** `PartitionStates` (the partition owner): the partitions owned, and those being rebuilt. */
export const PARTITION_STATES = 'timer:partition-states';
/** `TicketPartitioning`: which partition holds a ticket, and all of them. */
export const TICKET_PARTITIONS = 'timer:ticket-partitions';
/** `FollowedPolicies` (the `PolicyFollower`): the policy history every decision and view reads. */
export const POLICY_HISTORY = 'timer:policy-history';
/** The `AdapterLogger` of the timer's parts. */
export const TIMER_LOGGER = 'timer:logger';
/** `ConsumerState` (the `KafkaBatchServer`), for readiness. */
export const EVENT_SERVER = 'timer:event-server';
/** `ProducerState` (the `EventPublisher`), for readiness. */
export const EVENT_PUBLISHER = 'timer:event-publisher';
/** `RedisPing` (the timer's Redis connection), for readiness. */
export const REDIS = 'timer:redis';
/** `RunnableBrokerState` (the `BrokerWatch`), run and read by the health probe. */
export const BROKER_WATCH = 'timer:broker-watch';
/** `WorkersState` (the BullMQ workers of the owned partitions), for readiness. */
export const TIMER_WORKERS = 'timer:workers';

/** The handler pattern (`@EventPattern`) of the `tickets.prioritized` batches, mapped to the topic in `subscriptions`. */
export const TICKETS_PRIORITIZED = 'tickets-prioritized';
