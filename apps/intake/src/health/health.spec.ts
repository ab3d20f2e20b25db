import { startIntake, type IntakeUnderTest } from '../testing/intake-under-test';

describe('health endpoints with Kafka up', () => {
  let intake: IntakeUnderTest;
  beforeAll(async () => {
    intake = await startIntake({ record: false });
  });
  afterAll(() => intake.close());

  it('is live, and ready once the producer is connected', async () => {
    expect(await intake.get('/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
    expect(await intake.get('/health/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('asks for no API key', async () => {
    const answer = await fetch(`${intake.url}/health/live`, { headers: { authorization: 'Bearer nonsense' } });
    expect(answer.status).toBe(200);
  });
});
