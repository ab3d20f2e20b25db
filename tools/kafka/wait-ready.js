// Waits until the local broker answers a metadata request (an open port is not enough: it opens
// before the broker can serve). Exit 0 when ready, 1 on timeout.
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
const deadline = Date.now() + Number(process.env.KAFKA_WAIT_SECONDS || 90) * 1000;

async function tryOnce() {
  const admin = new Kafka({ clientId: 'wait-ready', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
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
