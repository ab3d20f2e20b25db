import { ConfigError } from '@stageplus/config';
import { runServiceMain, type ServiceProcess } from './service-main';

class RecordingProcess implements ServiceProcess {
  readonly written: string[] = [];
  readonly stderr = { write: (text: string) => this.written.push(text) };
  exitCode: number | null = null;
  constructor(readonly env: NodeJS.ProcessEnv = {}) {}
  exit(code: number): void {
    this.exitCode = code;
  }
}

const app = () => ({ hooks: 0, enableShutdownHooks() { this.hooks += 1; } });

describe('runServiceMain, the one main every service runs', () => {
  it('starts with the configuration read from the environment, enables the shutdown hooks, prints one line', async () => {
    const proc = new RecordingProcess({ PORT: '3000' });
    const started = app();
    await runServiceMain({ name: 'intake', readConfig: (env) => ({ port: Number(env.PORT) }), start: async (c) => ({ app: started, started: `listening on :${c.port}` }) }, proc);
    expect(proc.written).toEqual(['intake: listening on :3000\n']);
    expect(started.hooks).toBe(1);
    expect(proc.exitCode).toBeNull();
  });

  it('prints a configuration error as its variables alone, without a stack, and exits 1 before starting anything', async () => {
    const proc = new RecordingProcess();
    const start = jest.fn();
    const readConfig = () => {
      throw new ConfigError('timer', [{ variable: 'REDIS_URL', message: 'must be a redis:// URL' }]);
    };
    await runServiceMain({ name: 'timer', readConfig, start }, proc);
    expect(proc.written).toEqual(['timer: invalid configuration\n  REDIS_URL: must be a redis:// URL\n']);
    expect(proc.exitCode).toBe(1);
    expect(start).not.toHaveBeenCalled();
  });

  it('prints a failure to start with its stack and exits 1: a half-started app must not keep the process alive', async () => {
    const proc = new RecordingProcess();
    await runServiceMain({ name: 'priority', readConfig: () => ({}), start: () => Promise.reject(new Error('Kafka is not reachable')) }, proc);
    expect(proc.written[0]).toMatch(/^priority: Error: Kafka is not reachable\n    at /);
    expect(proc.exitCode).toBe(1);
  });
});
