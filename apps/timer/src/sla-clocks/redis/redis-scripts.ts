import type { Redis } from 'ioredis';

export type Script = (...args: (string | number)[]) => Promise<number>;

/** A Lua script as an ioredis command (EVALSHA, falling back to EVAL on `NOSCRIPT`), bound to `redis`. */
export function define(redis: Redis, name: string, lua: string): Script {
  if (!(name in redis)) redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, Script>)[name];
  return command.bind(redis);
}
