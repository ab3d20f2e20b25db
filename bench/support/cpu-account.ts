import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BenchServices } from './bench-services';
import type { PrivateRedis } from './private-redis';
import { sleep } from './stats';

/** Linux's clock ticks a second (`getconf CLK_TCK`): 100 on every kernel this runs on. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far, from `/proc/<pid>/stat`; undefined where unreadable. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: fields are counted after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / TICKS_PER_SECOND; // utime, stime: fields 14 and 15
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
