// Shared helpers that turn pasted or captured tool output into clean lines for the parsers.

/** Splits text into lines, dropping a BOM, CR, tabs-as-spaces and leading `> ` markdown quote markers. */
export function cleanLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Every parser calls this on the whole paste: plain string splits and per-line checks before any replace keep
  // a 2 MB paste of short lines cheap.
  const lines = body.includes('\r') ? body.split(/\r?\n|\r/) : body.split('\n');
  return lines.map((raw) => {
    const line = raw.includes('\t') ? raw.replace(/\t/g, '    ') : raw;
    return line.includes('>') ? line.replace(/^\s*(?:>[ \t]?)+/, '') : line;
  });
}

/** Collapses every run of whitespace to one space and trims (for messages split over lines). */
export function squashSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Values that tools print when they have nothing to say; parsers map them to null. */
const EMPTY_VALUES = new Set(['', 'n/a', '[n/a]', 'none', 'could not collect', '[not supported]', 'not supported', 'unknown']);

/** Returns the trimmed value, or null when it is one of the "no value" spellings (N/A, None, Could not collect...). */
export function valueOrNull(value: string | undefined | null): string | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return EMPTY_VALUES.has(trimmed.toLowerCase()) ? null : trimmed;
}

/** Parses a non-negative integer (optionally followed by a unit such as `MiB`), or null. */
export function intOrNull(value: string | undefined | null): number | null {
  const match = /^\s*(\d+)(?:\s*[A-Za-z]+)?\s*$/.exec(value ?? '');
  return match?.[1] === undefined ? null : Number(match[1]);
}

// Terminal control sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ST`), other two-byte escapes, then any
// remaining C0/C1 control character except newline and tab. Each pattern is linear (no nested repetition).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]{0,4096}(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]?|\u001b[\s\S]?/g;
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text with terminal escape sequences and control characters removed (newlines and tabs kept). */
export function stripTerminalControls(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** The longest value one field of tool output may have (a GPU name, a message line); longer ones are cut. */
export const MAX_FIELD = 256;

/**
 * A value from a tool's output made safe to show and store: control characters and escapes stripped, then cut to
 * `max` characters with a marker saying how long it was.
 */
export function capField(value: string, max = MAX_FIELD): string {
  // Strip only what can be shown: a 100 MB value costs one slice, not a pass over all of it.
  const head = stripTerminalControls(value.length > max * 4 ? value.slice(0, max * 4) : value);
  if (head.length <= max && value.length <= max * 4) return head;
  return `${head.slice(0, max)}… [cut: ${value.length} characters]`;
}
