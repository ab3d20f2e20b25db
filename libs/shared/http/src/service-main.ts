import { ConfigError } from '@stageplus/config';
import { runAtNice } from './service-app/cpu-nice';
import { createServiceApp, type ServiceComponents, type ServiceDefinition } from './service-app/create-service-app';
import type { ServiceConfig } from './service-app/service-config';

/** The process a service runs in: Node's `process` in `main.ts` (the edge), a recording one in specs. */
export interface ServiceProcess {
  readonly env: NodeJS.ProcessEnv;
  readonly stderr: { write(text: string): unknown };
  exit(code: number): void;
}

/** What makes one service: its name, how it reads its configuration, how it starts. */
export interface ServiceMain<C> {
  readonly name: string;
  /** Validates the environment; throws `ConfigError` naming every bad variable. */
  readonly readConfig: (env: NodeJS.ProcessEnv) => C;
  /**
   * Creates and starts the service, resolving once it serves; returns the app (whose shutdown
   * hooks are enabled here, so Ctrl-C and SIGTERM close it cleanly) and the line to print.
   */
  readonly start: (config: C) => Promise<{ readonly app: { enableShutdownHooks(): unknown }; readonly started: string }>;
}

/**
 * Every service's `main`: read the configuration, start, print one line; on failure print why
 * (a configuration error as its list of variables, anything else with its stack) and exit 1,
 * because a half-started app (a producer still connecting) would keep the process alive.
 */
export async function runServiceMain<C>(service: ServiceMain<C>, proc: ServiceProcess): Promise<void> {
  try {
    const config = service.readConfig(proc.env);
    const { app, started } = await service.start(config);
    app.enableShutdownHooks();
    proc.stderr.write(`${service.name}: ${started}\n`);
  } catch (error) {
    proc.stderr.write(`${startFailure(service.name, error)}\n`);
    proc.exit(1);
  }
}

function startFailure(name: string, error: unknown): string {
  if (error instanceof ConfigError) return error.message; // already "<service>: invalid configuration" and the variables
  return `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/**
 * The `ServiceMain` of a service built on `createServiceApp`: `main.ts` is then one call,
 * `runServiceMain(serviceMain(definition, readConfig, describe), process)`.
 */
export function serviceMain<C extends ServiceConfig, P extends ServiceComponents>(
  definition: ServiceDefinition<C, P>,
  readConfig: (env: NodeJS.ProcessEnv) => C,
  describe: (url: string, config: C) => string = (url) => `listening on ${url}`,
): ServiceMain<C> {
  return {
    name: definition.name,
    readConfig,
    start: async (config) => {
      runAtNice(config.cpuNice); // before the app: its boot is work on the shared CPU too
      const service = await createServiceApp(definition, config);
      return { app: service.app, started: describe(await service.start(), config) };
    },
  };
}
