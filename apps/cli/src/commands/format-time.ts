import { localTime as engineLocalTime, type Language } from '@stageplus/sla-engine';

/** `2026-06-25 15:10 EDT` (`… HAE` in French): an instant in table columns, as the establishment reads it. */
export function localTime(ms: number, zone: string, lang: Language = 'en'): string {
  return engineLocalTime(ms, zone, lang, 'table');
}

/** `6h40`, `2j 3h`, `30min`: a duration in the contract's notation (business day = dayMs). */
export function humanDuration(ms: number, dayMs: number): string {
  if (ms === 0) return '0';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const days = Math.floor(rest / dayMs);
  rest -= days * dayMs;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  const seconds = Math.round((rest - minutes * 60_000) / 1000);
  const parts = [days ? `${days}j` : '', hours ? `${hours}h` : '', minutes ? `${minutes}min` : '', seconds ? `${seconds}s` : ''];
  return sign + parts.filter(Boolean).join(' ');
}
