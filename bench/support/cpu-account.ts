import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BenchServices } from './bench-services';
import type { PrivateRedis } from './private-redis';
import { sleep } from './stats';

/** Linux's clock ticks a second (`getconf CLK_TCK`): 100 on every kernel this runs on. */
const TICKS_PER_SECOND = 100;

/** The fields of `/proc/<pid>/stat` from the third on (index 0 is field 3); undefined where unreadable. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) a process has used so far, from `/proc/<pid>/stat`; undefined where unreadable. */
export function processCpuMs(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1_000) / TICKS_PER_SECOND; // utime, stime: fields 14 and 15
}

/** Seconds since a process started (`starttime`, field 22, against `/proc/uptime`); undefined where unreadable. */
function processAgeS(pid: number): number | undefined {
  const fields = statFields(pid);
  try {
    return fields && Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) - Number(fields[19]) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The local broker's pid, from the pid file `tools/kafka/kafka.sh` keeps; undefined for brokers of another kind. */
export function localBrokerPid(root: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(process.env.KAFKA_LOCAL_HOME ?? join(root, '.kafka'), 'kafka.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The local broker's age and CPU so far, and a warning while it is cold: the first bench after
 * `kafka.sh start` measured the broker at 38-40 % of a core through the firing window instead of
 * 22-25 %, and the noisy neighbour's p99 at 16-19 ms instead of 9-12 (the JVM's JIT compiling
 * Kafka's produce and fetch paths). Undefined for brokers of another kind.
 */
export function describeLocalBroker(root: string): string | undefined {
  const pid = localBrokerPid(root);
  const cpuMs = pid === undefined ? undefined : processCpuMs(pid);
  const upS = pid === undefined ? undefined : processAgeS(pid);
  if (cpuMs === undefined || upS === undefined) return undefined;
  const line = `local broker: up ${Math.round(upS)} s, ${Math.round(cpuMs / 1_000)} s of CPU so far`;
  return cpuMs < COLD_BROKER_CPU_MS ? `${line}; WARNING: still warming up (under ${COLD_BROKER_CPU_MS / 1_000} s of CPU), a first run measures its JIT too` : line;
}

/** Under this much CPU since its start, the local broker is taken as cold (the cold noisy run cost it ~30 s: the next one was warm). */
const COLD_BROKER_CPU_MS = 30_000;

export interface CpuShare {
  readonly process: string;
  readonly ms: number;
  readonly usPerItem: number;
}

/**
 * What each process of a run spent on a measured stretch (the services, the broker, Redis, the
 * bench's own clients), per item: the CPU budget a throughput goal has to fit in. On `cores`
 * cores, a stretch costing `total` µs an item can go no faster than `cores` s / `total` µs.
 */
export class CpuAccount {
  private readonly started = new Map<string, number>();

  constructor(private readonly pids: ReadonlyMap<string, number>) {
    for (const [name, pid] of pids) {
      const ms = processCpuMs(pid);
      if (ms !== undefined) this.started.set(name, ms);
    }
  }

  /** Each process's CPU since the account opened, per item, and the ceiling those costs allow. */
  close(items: number): { shares: CpuShare[]; totalUsPerItem: number; cores: number; ceilingPerSecond: number } {
    const shares: CpuShare[] = [];
    for (const [name, before] of this.started) {
      const now = processCpuMs(this.pids.get(name) as number);
      if (now === undefined) continue;
      shares.push({ process: name, ms: now - before, usPerItem: Math.round(((now - before) * 1_000) / items) });
    }
    const totalUsPerItem = shares.reduce((sum, s) => sum + s.usPerItem, 0);
    const cores = availableParallelism();
    return { shares, totalUsPerItem, cores, ceilingPerSecond: totalUsPerItem > 0 ? Math.round((cores * 1e6) / totalUsPerItem) : 0 };
  }
}

/** The processes a bench's work costs CPU in: the three services, the local broker, Redis, the bench's own clients. */
export async function benchProcesses(services: BenchServices, redis: PrivateRedis): Promise<Map<string, number>> {
  const pids = new Map<string, number>();
  for (const service of ['intake', 'priority', 'timer'] as const) {
    const pid = services.pid(service);
    if (pid !== undefined) pids.set(service, pid);
  }
  const broker = localBrokerPid(join(__dirname, '../..'));
  if (broker !== undefined) pids.set('broker', broker);
  pids.set('redis', Number((await redis.info('server')).process_id));
  pids.set('bench (clients)', process.pid);
  return pids;
}

/** Each process's share of a core from `from` to `to` (epoch ms), in percent: how busy the host was. */
export async function coreSharesOver(pids: ReadonlyMap<string, number>, from: number, to: number): Promise<{ process: string; percent: number }[]> {
  await sleep(from - Date.now());
  const account = new CpuAccount(pids);
  await sleep(to - Date.now());
  return account.close(1).shares.map((s) => ({ process: s.process, percent: Math.round((s.ms / (to - from)) * 100) }));
}
