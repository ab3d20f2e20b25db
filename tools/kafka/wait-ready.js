// Waits until the local broker answers a metadata request (an open port is not enough: it opens
// before the broker can serve). Exit 0 when ready, 1 on timeout. KAFKA_WAIT_BROKERS=n (the cluster
// script) waits until each listed broker answers on its own and lists n brokers.
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const wantBrokers = Number(process.env.KAFKA_WAIT_BROKERS || 1);
const deadline = Date.now() + Number(process.env.KAFKA_WAIT_SECONDS || 90) * 1000;

async function tryOnce() {
  if (wantBrokers <= 1) return answers(brokers, 1);
  // Each one on its own: for a few seconds after a crash the others still list the dead broker.
  const each = await Promise.all(brokers.map((broker) => answers([broker], wantBrokers)));
  return each.every(Boolean);
}

async function answers(bootstrap, registeredAtLeast) {
  const admin = new Kafka({ clientId: 'wait-ready', brokers: bootstrap, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    if (registeredAtLeast <= 1) return true;
    const { brokers: registered } = await admin.describeCluster();
    return registered.length >= registeredAtLeast;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

(async () => {
  while (Date.now() < deadline) {
    if (await tryOnce()) process.exit(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.exit(1);
})();
