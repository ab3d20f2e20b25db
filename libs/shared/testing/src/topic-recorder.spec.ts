import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { testBrokers } from './brokers';
import { TopicRecorder } from './topic-recorder';
import { uniqueName } from './unique-names';

jest.setTimeout(30_000);

describe('TopicRecorder, the tests’ window on a topic', () => {
  const brokers = testBrokers().kafkaBrokers;
  const topic = uniqueName('recorded');
  const publisher = new Kafka({ brokers, clientId: 'spec', logLevel: logLevel.NOTHING }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let recorder: TopicRecorder;

  beforeAll(async () => {
    await publisher.connect();
    recorder = await new TopicRecorder(brokers, [topic]).start();
  });

  afterAll(async () => {
    await recorder.stop();
    await publisher.disconnect();
  });

  it('resolves as soon as what it waits for was recorded, with values parsed and headers as text', async () => {
    await publisher.send({ topic, messages: [{ key: 'k', value: JSON.stringify({ n: 1 }), headers: { 'event-type': 'x' } }] });
    await recorder.waitFor((m) => m.length === 1, 15_000);
    expect(recorder.of(topic)[0]).toMatchObject({ key: 'k', value: { n: 1 }, headers: { 'event-type': 'x' } });
  });

  it('rejects after its deadline, saying what it saw', async () => {
    await expect(recorder.waitFor((m) => m.length > 5, 300)).rejects.toThrow(/timed out after 300 ms; recorded 1 messages/);
  });
});
