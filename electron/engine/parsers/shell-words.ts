// Quote-aware word splitting and value unquoting for launcher scripts (cmd.exe, POSIX sh, PowerShell).

/** Typographic quotes that editors and forums substitute for straight ones. */
export const SMART_QUOTES = /[“”„‟]/g;

/**
 * Splits a command line into words: double and single quotes group (and are removed), backslashes stay literal
 * (Windows paths), typographic double quotes count as straight ones.
 */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (const ch of text.replace(SMART_QUOTES, '"')) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A shell value with its quotes removed; `quoted` tells whether the whole value was one quoted string. */
export interface Unquoted {
  value: string;
  quoted: boolean;
}

/** Unquotes a cmd.exe `set` value: one surrounding pair of double quotes is removed (cmd would keep it). */
export function unquoteCmd(raw: string): Unquoted {
  const match = /^"(.*)"\s*$/.exec(raw);
  return match?.[1] === undefined ? { value: raw, quoted: false } : { value: match[1], quoted: true };
}

/** Unquotes a POSIX shell / PowerShell assignment value: quotes removed, an unquoted `# comment` dropped. */
export function unquoteShell(raw: string): Unquoted {
  let value = '';
  let quote: string | null = null;
  let quotedParts = 0;
  let bareChars = 0;
  const text = raw.replace(SMART_QUOTES, '"');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && /["\\$`]/.test(text[i + 1] ?? '')) value += text[++i] ?? '';
      else value += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      quotedParts++;
    } else if (/\s/.test(ch)) {
      // The whole blank run at once: testing the rest of the text at every blank took time quadratic in its length.
      let end = i;
      while (end < text.length && /\s/.test(text[end] ?? '')) end++;
      if (end === text.length || text[end] === '#') break;
      value += text.slice(i, end);
      bareChars += end - i;
      i = end - 1;
    } else {
      value += ch;
      bareChars++;
    }
  }
  return { value, quoted: quotedParts === 1 && bareChars === 0 };
}
