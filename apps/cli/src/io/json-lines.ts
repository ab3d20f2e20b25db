import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** One non-blank input line, numbered from 1, parsed or with the JSON error. */
export type InputLine =
  | { readonly lineNo: number; readonly ok: true; readonly value: unknown }
  | { readonly lineNo: number; readonly ok: false; readonly message: string };

/** Reads JSON Lines; blank lines are skipped, a line that is not JSON is reported, not fatal. */
export async function* readJsonLines(input: Readable): AsyncGenerator<InputLine> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    try {
      yield { lineNo, ok: true, value: JSON.parse(line) };
    } catch (error) {
      yield { lineNo, ok: false, message: `line ${lineNo} is not JSON: ${(error as Error).message}` };
    }
  }
}

/** Buffers output lines and writes them in large chunks: 100,000 small writes are slow. */
export class LineWriter {
  private buffer: string[] = [];
  private size = 0;

  constructor(private readonly out: Writable, private readonly chunkChars = 1 << 16) {}

  write(value: unknown): void {
    const line = JSON.stringify(value);
    this.buffer.push(line);
    this.size += line.length + 1;
    if (this.size >= this.chunkChars) this.flushSync();
  }

  private flushSync(): void {
    if (this.buffer.length === 0) return;
    this.out.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
  }

  /** Writes what is left and waits until the stream has taken it. */
  async end(): Promise<void> {
    this.flushSync();
    await new Promise<void>((resolve) => {
      if (this.out.writableNeedDrain) this.out.once('drain', resolve);
      else resolve();
    });
  }
}
