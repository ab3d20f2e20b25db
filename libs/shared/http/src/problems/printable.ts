/** The longest `detail` or `instance` a problem carries, in characters. */
export const MAX_ECHOED_LENGTH = 256;

/**
 * Control characters (C0, DEL, C1) and the invisible format ones that reorder or hide text (bidi
 * overrides, zero-width): what a caller can put in a path to garble a log line or a terminal.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * `text` as a problem may echo it: unprintable characters replaced by U+FFFD, cut to `maxLength`
 * characters with an ellipsis. Problems echo the request path and ids taken from it; a caller
 * who sends 5 KB of NUL bytes must not get them back, nor have them written to every log line.
 */
export function printable(text: string, maxLength = MAX_ECHOED_LENGTH): string {
  const clean = text.replace(UNPRINTABLE, '\uFFFD');
  const chars = Array.from(clean);
  return chars.length <= maxLength ? clean : `${chars.slice(0, maxLength - 1).join('')}…`;
}
