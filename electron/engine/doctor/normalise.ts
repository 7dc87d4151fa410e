/** The longest line the parsers and rules see; longer lines are cut (no log line is that long; it bounds regex time). */
export const MAX_LINE = 4096;

// A markdown bold label as issue templates and ComfyUI's "System Information" block write them: "**PyTorch Version:** 2.6.0",
// "**GPU**: RTX 4090". Only a label (a word, at most 60 characters, ending at the colon) loses its stars, so code such
// as `f(*args, **kwargs)` stays as it was.
const BOLD_LABEL = /\*\*([A-Za-z][^*\n:]{0,60})(:?)\*\*(?=:|\s)/g;

/** Appended to a cut line so its evidence says so. */
const CUT_MARK = / \[line cut: \d+ characters\]$/;

/** A line cut to MAX_LINE characters, marked with its original length. */
export function capLine(line: string, max = MAX_LINE): string {
  return line.length <= max ? line : `${line.slice(0, max)} [line cut: ${line.length} characters]`;
}

/**
 * Normalises pasted text before parsing: CRLF → LF, lines cut to MAX_LINE, markdown quote prefixes (`> `), full-width
 * colons, spaces and parentheses, markdown bold labels (`**PyTorch Version:**`), ™/® ("GeForce RTX™ 3080"), journald prefixes (`Oct 04 13:19:39 host unit[123]: `), typographic quotes left alone (a rule reports them).
 */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\uFEFF/g, '')
    .split('\n')
    .map((line) =>
      capLine(
        line
          .replace(/^(?:\s*>)+ ?/, '')
          .replace(/^[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \S+ [\w.@-]+(?:\[\d+\])?: /, '')
          .replace(BOLD_LABEL, '$1$2')
          .replace(/\uFF1A/g, ': ')
          .replace(/\u3000/g, ' ')
          .replace(/[\u2122\u00AE]/g, '')
          .replace(/\uFF08/g, '(')
          .replace(/\uFF09/g, ')')
          .replace(/\t/g, '  ')
          .trimEnd(),
      ),
    )
    .join('\n');
}

/** The lines of normalised text that match a pattern (for evidence). */
export function linesMatching(lines: readonly string[], pattern: RegExp, limit = 3): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (pattern.test(line)) out.push(clip(line));
    if (out.length >= limit) break;
  }
  return out;
}

/** A line shortened for evidence (long flattened logs stay readable); a cut line keeps its "[line cut: …]" mark. */
export function clip(line: string, max = 300): string {
  const s = line.trim();
  if (s.length <= max) return s;
  const mark = CUT_MARK.exec(s)?.[0] ?? '';
  return `${s.slice(0, max - 1)}…${mark}`;
}

/** The evidence snippet around the first match of a pattern in a (possibly one-line) text. */
export function snippet(text: string, pattern: RegExp, radius = 140): string | null {
  const m = pattern.exec(text);
  if (m === null) return null;
  const lineStart = text.lastIndexOf('\n', m.index) + 1;
  const lineEndRaw = text.indexOf('\n', m.index);
  const lineEnd = lineEndRaw === -1 ? text.length : lineEndRaw;
  const start = Math.max(lineStart, m.index - radius);
  const end = Math.min(lineEnd, m.index + m[0].length + radius);
  return `${start > lineStart ? '…' : ''}${text.slice(start, end).trim()}${end < lineEnd ? '…' : ''}`;
}
