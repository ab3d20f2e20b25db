import type { Redis } from 'ioredis';

/** A script's call; `R` is what its reply decodes to (a status number unless said otherwise). */
export type Script<R = number> = (...args: (string | number)[]) => Promise<R>;

/** A Lua script as an ioredis command (EVALSHA, falling back to EVAL on `NOSCRIPT`), bound to `redis`. */
export function define<R = number>(redis: Redis, name: string, lua: string): Script<R> {
  if (!(name in redis)) redis.defineCommand(name, { lua });
  const command = (redis as unknown as Record<string, Script<R>>)[name];
  return command.bind(redis);
}
