// Shared helpers that turn pasted or captured tool output into clean lines for the parsers.

/** Splits text into lines, dropping a BOM, CR, tabs-as-spaces and leading `> ` markdown quote markers. */
export function cleanLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/\t/g, '    ').replace(/^\s*(?:>[ \t]?)+/, ''));
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
