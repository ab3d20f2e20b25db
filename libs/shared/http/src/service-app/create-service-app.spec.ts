import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import { ServiceMetrics } from '@stageplus/metrics';
import { createServiceApp, type ServiceComponents, type ServiceDefinition } from './create-service-app';
import type { ServiceConfig } from './service-config';

interface ToyComponents extends ServiceComponents {
  readonly steps: string[];
}

@Controller('toy')
class ToyController {
  @Get()
  read(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class ToyModule {
  static register(): DynamicModule {
    return { module: ToyModule, controllers: [ToyController] };
  }
}

const config: ServiceConfig = { http: { host: '127.0.0.1', port: 0 }, log: { level: 'silent', format: 'json' }, metricsToken: undefined, cpuNice: 0 };

/** A service whose parts record what the skeleton asked of them, in order. */
function toy(overrides: Partial<ServiceDefinition<ServiceConfig, ToyComponents>> = {}): ServiceDefinition<ServiceConfig, ToyComponents> {
  return {
    name: 'toy',
    build: () => ({ metrics: new ServiceMetrics('toy'), steps: ['build'] }),
    module: () => ToyModule.register(),
    prepare: async (c) => void c.steps.push('prepare'),
    stop: async (c) => void c.steps.push('stop'),
    configureHttp: (app, c) => {
      c.steps.push('configureHttp');
      app.use((_req: unknown, res: { setHeader(n: string, v: string): void }, next: () => void) => (res.setHeader('x-toy', 'wired'), next()));
    },
    ...overrides,
  };
}

describe('createServiceApp: every service built the same way', () => {
  it('given a definition, when started, then it serves its module, /metrics and problem+json, and stops its parts once on close', async () => {
    const service = await createServiceApp(toy(), config);
    const url = await service.start();

    const own = await fetch(`${url}/toy`);
    expect([own.status, own.headers.get('x-toy'), await own.json()]).toEqual([200, 'wired', { ok: true }]);
    const metrics = await fetch(`${url}/metrics`);
    expect(await metrics.text()).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/toy"/);
    const unknown = await fetch(`${url}/nowhere`);
    expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, expect.stringMatching(/^application\/problem\+json/)]);

    await service.app.close();
    await service.app.close().catch(() => undefined);
    expect(service.components.steps).toEqual(['build', 'configureHttp', 'prepare', 'stop']);
  });

  it('given a prepare that fails half-way, when created, then the error reaches the caller and what was opened is stopped', async () => {
    let steps: string[] = [];
    const failing = toy({
      build: () => ({ metrics: new ServiceMetrics('toy'), steps: (steps = ['build']) }),
      prepare: async () => {
        throw new Error('cannot connect to Redis at 127.0.0.1:1');
      },
    });
    await expect(createServiceApp(failing, config)).rejects.toThrow('cannot connect to Redis at 127.0.0.1:1');
    expect(steps).toEqual(['build', 'configureHttp', 'stop']);
  });

  it('given METRICS_TOKEN, when /metrics is scraped without it, then 401 as problem+json', async () => {
    const service = await createServiceApp(toy(), { ...config, metricsToken: 'scrape-token-0123456789' });
    const url = await service.start();
    try {
      const refused = await fetch(`${url}/metrics`);
      const allowed = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
      expect([refused.status, refused.headers.get('content-type'), allowed.status]).toEqual([401, expect.stringMatching(/^application\/problem\+json/), 200]);
    } finally {
      await service.app.close();
    }
  });
});
