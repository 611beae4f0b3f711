/**
 * Text safe to print on a terminal: C0 control characters but tab and line feed (ESC starts the
 * sequences that clear the screen, move the cursor or retitle the window; BEL, backspace…), a
 * carriage return not followed by a line feed (it overwrites the line), DEL, the C1 controls
 * (U+0080–U+009F, among them the one-character CSI U+009B) and the bidirectional overrides
 * and isolates (which reorder what is shown) are dropped. What is left of an escape sequence
 * (`[2J`) is plain text.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string): string {
  return s.replace(UNPRINTABLE, '');
}
