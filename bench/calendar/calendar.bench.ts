/**
 * Deadline computations per second on one core: the business calendar's `addBusinessTime`
 * against, in the same run, (a) luxon day-by-day stepping written the plain way and (b) the
 * `luxon-business-days` plugin for whole business days. Same random inputs for all, a checksum
 * so nothing is optimised away, and a cross-check that (a) and the calendar agree.
 *
 * Run: `npm run --silent bench:calendar`. The last stdout line is one JSON object.
 */
import { createCalendar, stagePlusBusinessCalendarSpec } from '@stageplus/sla-calendar';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('luxon-business-days');

interface BusinessDateTime extends DateTime {
  setupBusiness(options: { holidayMatchers: ((dt: DateTime) => boolean)[] }): void;
  plusBusiness(options: { days: number }): BusinessDateTime;
}

const ZONE = 'America/Toronto';
const HOUR = 3_600_000;
const INPUTS = 1 << 16;
const RUN_MS = 1_500;
const WARMUP_MS = 300;

/** mulberry32: a seeded PRNG, so every run measures the same inputs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(20260623);
const from2026 = Date.UTC(2026, 0, 1, 5);
const to2028 = Date.UTC(2028, 0, 1, 5);
const policyTargets = [0.5, 1, 2, 4, 8, 16, 32, 40, 80].map((h) => h * HOUR);
const starts = new Float64Array(INPUTS);
const targets = new Float64Array(INPUTS);
const businessDays = new Int32Array(INPUTS);
for (let i = 0; i < INPUTS; i++) {
  starts[i] = Math.floor(from2026 + next() * (to2028 - from2026));
  targets[i] = i % 2 === 0 ? policyTargets[Math.floor(next() * policyTargets.length)] : Math.floor(HOUR / 2 + next() * 79.5 * HOUR);
  businessDays[i] = [1, 2, 4, 5, 10][Math.floor(next() * 5)];
}

/** Two pauses per input, 1-30 h after the start, lasting 1-48 h: a ticket waiting on its customer twice. */
const pauses = Array.from({ length: INPUTS }, (_, i) => {
  const hours = (min: number, max: number) => Math.floor((min + next() * (max - min)) * HOUR);
  const first = { from: starts[i] + hours(1, 30), to: 0 };
  first.to = first.from + hours(1, 48);
  const secondFrom = first.to + hours(1, 30);
  return [first, { from: secondFrom, to: secondFrom + hours(1, 48) }];
});

const holidays = new Set<string>();
const quebec = new Holidays('CA', 'QC', { types: ['public'], timezone: ZONE });
for (let year = 2026; year <= 2028; year++) {
  for (const holiday of quebec.getHolidays(year)) holidays.add(holiday.date.slice(0, 10));
}

/** Baseline (a): the plain luxon way, one local day at a time, Mon-Fri 08:30-16:30. */
function luxonSteppingDeadline(start: number, duration: number): number {
  let remaining = duration;
  let cursor = DateTime.fromMillis(start, { zone: ZONE });
  for (;;) {
    const day = cursor.startOf('day');
    if (day.weekday <= 5 && !holidays.has(day.toISODate() ?? '')) {
      const open = day.set({ hour: 8, minute: 30 });
      const close = day.set({ hour: 16, minute: 30 });
      const from = cursor > open ? cursor : open;
      if (from < close) {
        const available = close.toMillis() - from.toMillis();
        if (available >= remaining) return from.toMillis() + remaining;
        remaining -= available;
      }
    }
    cursor = day.plus({ days: 1 });
  }
}

const calendar = createCalendar(stagePlusBusinessCalendarSpec);
const businessDateTime = DateTime.fromMillis(0, { zone: ZONE }) as BusinessDateTime;
businessDateTime.setupBusiness({ holidayMatchers: [(dt) => holidays.has(dt.toISODate() ?? '')] });

let checksum = 0;
let cursor = 0;
type Batch = (size: number) => void;

const fast: Batch = (size) => {
  let sum = 0;
  let k = cursor;
  for (let i = 0; i < size; i++) {
    sum += calendar.addBusinessTime(starts[k], targets[k]);
    k = (k + 1) & (INPUTS - 1);
  }
  cursor = k;
  checksum = (checksum + sum) % 1e15;
};

const fastPaused: Batch = (size) => {
  let sum = 0;
  let k = cursor;
  for (let i = 0; i < size; i++) {
    sum += calendar.addBusinessTime(starts[k], targets[k], pauses[k]);
    k = (k + 1) & (INPUTS - 1);
  }
  cursor = k;
  checksum = (checksum + sum) % 1e15;
};

const stepping: Batch = (size) => {
  for (let i = 0; i < size; i++) {
    checksum = (checksum + luxonSteppingDeadline(starts[cursor], targets[cursor])) % 1e15;
    cursor = (cursor + 1) & (INPUTS - 1);
  }
};

const pluginDays: Batch = (size) => {
  for (let i = 0; i < size; i++) {
    const start = DateTime.fromMillis(starts[cursor], { zone: ZONE }) as BusinessDateTime;
    checksum = (checksum + start.plusBusiness({ days: businessDays[cursor] }).toMillis()) % 1e15;
    cursor = (cursor + 1) & (INPUTS - 1);
  }
};

/** Ops per second of `batch` over `ms` of wall time, after a warm-up of the same code. */
function measure(batch: Batch, size: number, ms: number): number {
  const run = (duration: number) => {
    let ops = 0;
    const begin = performance.now();
    let elapsed = 0;
    while (elapsed < duration) {
      batch(size);
      ops += size;
      elapsed = performance.now() - begin;
    }
    return ops / (elapsed / 1000);
  };
  run(WARMUP_MS);
  cursor = 0;
  return run(ms);
}

function crossCheck(count: number): number {
  let mismatches = 0;
  for (let i = 0; i < count; i++) {
    if (calendar.addBusinessTime(starts[i], targets[i]) !== luxonSteppingDeadline(starts[i], targets[i])) mismatches++;
  }
  return mismatches;
}

const mismatches = crossCheck(5_000);
const opsPerSec = measure(fast, 4096, RUN_MS);
const pausedOpsPerSec = measure(fastPaused, 4096, RUN_MS);
const baselineOpsPerSec = measure(stepping, 16, RUN_MS);
const luxonBusinessDaysOpsPerSec = measure(pluginDays, 16, RUN_MS);
const ratio = opsPerSec / baselineOpsPerSec;
const format = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`inputs: ${INPUTS} random starts 2026-2027, targets 30 min .. 80 business hours (10 business days)`);
console.log(`cross-check vs luxon stepping on 5,000 inputs: ${mismatches} mismatches`);
console.log(`calendar addBusinessTime:      ${format(opsPerSec)} ops/s`);
console.log(`  ... with two pauses:          ${format(pausedOpsPerSec)} ops/s`);
console.log(`luxon day-by-day stepping:     ${format(baselineOpsPerSec)} ops/s   (ratio ${ratio.toFixed(0)}x)`);
console.log(`luxon-business-days (days):    ${format(luxonBusinessDaysOpsPerSec)} ops/s`);
console.log(`checksum: ${checksum}`);
if (mismatches > 0) process.exitCode = 1;
console.log(JSON.stringify({
  opsPerSec: Math.round(opsPerSec),
  baselineOpsPerSec: Math.round(baselineOpsPerSec),
  ratio: Math.round(ratio),
  luxonBusinessDaysOpsPerSec: Math.round(luxonBusinessDaysOpsPerSec),
}));
