/**
 * Page-level facts about the text itself that would otherwise change what is read without a
 * word: bytes that were not UTF-8 (decoded as U+FFFD), NUL and other control characters, and
 * lone-CR line endings.
 */
import type { VFile } from 'vfile';
import { info, warn } from './diagnostics.ts';
import { pointOfOffset, type Lines } from './lines.ts';

// Controls other than tab, LF and CR; U+FFFD is what a decoder makes of bytes that are not UTF-8.
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

export function checkText(text: string, l: Lines, file: VFile): void {
  if (l.crOnly) info(file, 'page/cr-line-endings', 'lines end with a lone CR (old Mac line endings); read as line breaks', 1);
  SUSPECT.lastIndex = 0;
  const found = { replacement: { n: 0, at: -1 }, control: { n: 0, at: -1 } };
  for (let m = SUSPECT.exec(text); m; m = SUSPECT.exec(text)) {
    const kind = m[0] === '\ufffd' ? found.replacement : found.control;
    if (kind.n++ === 0) kind.at = m.index;
  }
  const { replacement, control } = found;
  if (replacement.n > 0) {
    const at = pointOfOffset(l, replacement.at);
    warn(file, 'page/invalid-utf8', `${replacement.n} character(s) are U+FFFD, bytes that were not valid UTF-8 (first at line ${at.line}); text holding them is read as it decodes`, at);
  }
  if (control.n > 0) {
    const at = pointOfOffset(l, control.at);
    warn(file, 'page/control-character', `${control.n} control character(s) such as NUL (first at line ${at.line}); a table or tag holding one may not be read`, at);
  }
}
