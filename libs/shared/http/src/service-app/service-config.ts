import { cpuNice, logFormat, logLevel, port } from '@stageplus/config';
import { z } from 'zod';
import { metricsToken } from '../metrics/metrics.module';

/** What every service's configuration holds, whatever else it reads: the skeleton's part. */
export interface ServiceConfig {
  /** `HOST` and `PORT`: where `/health`, `/metrics` and the service's API listen. */
  readonly http: { readonly host: string; readonly port: number };
  /** `LOG_LEVEL` and `LOG_FORMAT` (`json` for collectors, `pretty` for people). */
  readonly log: { readonly level: z.infer<typeof logLevel>; readonly format: z.infer<typeof logFormat> };
  /** `METRICS_TOKEN`: when set, `GET /metrics` asks for it as a bearer token; open otherwise. */
  readonly metricsToken: string | undefined;
  /**
   * `CPU_NICE`, 0 (default) to 19: the CPU priority `main` lowers the process to (`runAtNice`);
   * `npm start` and the compose file give intake and priority `INGEST_CPU_NICE`.
   */
  readonly cpuNice: number;
}

/** The variables behind `ServiceConfig`, spread into a service's `readConfig` shape. */
export const serviceVariables = (defaultPort: number) => ({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(defaultPort),
  LOG_LEVEL: logLevel,
  LOG_FORMAT: logFormat,
  METRICS_TOKEN: metricsToken,
  CPU_NICE: cpuNice,
});

type ServiceVariables = z.infer<z.ZodObject<ReturnType<typeof serviceVariables>>>;

/** The skeleton's part of a service's config, from the variables `serviceVariables` read. */
export function serviceConfig(vars: ServiceVariables): ServiceConfig {
  return { http: { host: vars.HOST, port: vars.PORT }, log: { level: vars.LOG_LEVEL, format: vars.LOG_FORMAT }, metricsToken: vars.METRICS_TOKEN, cpuNice: vars.CPU_NICE };
}
