import { brokerList, ConfigError, ingestCpuNice, INGEST_CPU_NICE, port, readConfig } from './config';

describe('reading configuration at startup', () => {
  it('applies defaults and coerces values', () => {
    expect(readConfig('svc', { KAFKA_BROKERS: brokerList, PORT: port(3000) }, {})).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      PORT: 3000,
    });
  });

  it('names every bad variable in one error', () => {
    const read = () => readConfig('intake', { KAFKA_BROKERS: brokerList, PORT: port(3000) }, { KAFKA_BROKERS: 'nope', PORT: '-1' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/intake: invalid configuration\n {2}KAFKA_BROKERS: must be host:port.*\n {2}PORT:/s);
  });
});

describe('the CPU priority npm start and the benches give intake and priority', () => {
  it('is INGEST_CPU_NICE unless CPU_NICE says otherwise, 0 included', () => {
    expect(ingestCpuNice({})).toBe(String(INGEST_CPU_NICE));
    expect(ingestCpuNice({ CPU_NICE: '0' })).toBe('0');
    expect(ingestCpuNice({ CPU_NICE: '15' })).toBe('15');
  });
});
