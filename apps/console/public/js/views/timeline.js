import { svg } from '../dom.js';
import { t } from '../i18n.js';
import { instant, shortInstant } from '../time.js';
import { severity } from './labels.js';

const WIDTH = 1000;
const LEFT = 24;
const RIGHT = 28;
/** Room above the bar for up to four rows of threshold labels (close thresholds do not overlap). */
const BAR_Y = 74;
const LABEL_ROW = 14;
const LABEL_GAP = 46;
const BAR_H = 22;

/**
 * One clock's life as an SVG strip: its segments (counted, paused, outside business hours,
 * holidays; the projected part paler), a marker per threshold (filled once fired), and now.
 * Every label is local time in the establishment's zone.
 */
export function clockTimeline(clock, zone, asOf) {
  const stamps = [clock.startedAt, clock.dueAt, asOf, ...clock.segments.map((s) => s.to), ...clock.thresholds.map((x) => x.at)]
    .filter(Boolean)
    .map((iso) => Date.parse(iso));
  const start = Date.parse(clock.startedAt);
  const end = Math.max(...stamps, start + 1);
  const x = (iso) => LEFT + ((Date.parse(iso) - start) / (end - start)) * (WIDTH - LEFT - RIGHT);
  const title = (text) => svg('title', {}, text);

  const segments = clock.segments.map((s) =>
    svg('rect', { class: `seg seg-${s.kind}${s.projected ? ' projected' : ''}`, x: x(s.from), y: BAR_Y, width: Math.max(0.5, x(s.to) - x(s.from)), height: BAR_H },
      title(`${t(`segment.${s.kind}`)}${s.reason ? ` (${s.reason})` : ''}${s.projected ? ` · ${t('segment.projected')}` : ''}\n${instant(s.from, zone)} → ${instant(s.to, zone)}`)));

  const rowsEnd = [-Infinity, -Infinity, -Infinity, -Infinity];
  const markers = clock.thresholds.filter((th) => th.at).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((th) => {
    const cx = x(th.at);
    // The lowest label row with room at this x; the top row takes the rest.
    const free = rowsEnd.findIndex((end) => cx - end >= LABEL_GAP);
    const row = free === -1 ? rowsEnd.length - 1 : free;
    rowsEnd[row] = cx;
    const fired = th.state === 'fired';
    const label = `${th.percent} %`;
    const tip = `${label} · ${t(`state.${th.state}`)} · ${instant(th.at, zone)}${fired ? `\n${t('col.firedAt')} ${instant(th.firedAt, zone)}${th.late ? ` (${t('event.late')})` : ''}` : ''}`;
    return svg('g', { class: `marker ${severity(th.event, th.level)}${fired ? ' fired' : ' pending'}`, 'data-percent': th.percent, 'data-state': th.state },
      svg('line', { x1: cx, x2: cx, y1: BAR_Y - 8 - row * LABEL_ROW, y2: BAR_Y + BAR_H + 4 }),
      svg('path', { d: `M ${cx} ${BAR_Y - 18} l 6 7 l -6 7 l -6 -7 z` }),
      svg('text', { x: cx, y: BAR_Y - 22 - row * LABEL_ROW, 'text-anchor': 'middle' }, label),
      title(tip));
  });

  const now = Date.parse(asOf) <= end ? svg('g', { class: 'now' },
    svg('line', { x1: x(asOf), x2: x(asOf), y1: BAR_Y - 4, y2: BAR_Y + BAR_H + 12 }),
    svg('text', { x: x(asOf), y: BAR_Y + BAR_H + 24, 'text-anchor': 'middle' }, t('ticket.now'))) : null;

  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const at = new Date(start + f * (end - start)).toISOString();
    const anchor = f === 0 ? 'start' : f === 1 ? 'end' : 'middle';
    return svg('text', { class: 'tick', x: x(at), y: BAR_Y + BAR_H + 40, 'text-anchor': anchor }, shortInstant(at, zone));
  });

  return svg('svg', { class: 'timeline', viewBox: `0 0 ${WIDTH} ${BAR_Y + BAR_H + 46}`, role: 'img', 'aria-label': t(`clock.${clock.name}`) },
    svg('rect', { class: 'track', x: LEFT, y: BAR_Y, width: WIDTH - LEFT - RIGHT, height: BAR_H }), segments, markers, now, ticks);
}
