/** A small deterministic PRNG (mulberry32): the same seed gives the same inputs on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces that have broken parsers elsewhere: separators, quotes, escapes, CJK, full-width forms, CR, BOM, huge numbers.
const TOKENS = [
  '|', ',', ':', '=', '"', "'", '`', '\\', '/', '%', '$(', '${', '&', ';', '[', ']', '<', '>', '\t', '\r', '\r\n', '\n\n\n',
  '\uFEFF', '\u3000', '\uFF1A', '…', '...', 'ユーザー', '用户', '\u001b[31m', '\u001b]0;x\u0007', '\u0000', '\uD800', '🙂',
  'N/A', '[N/A]', 'None', '99999999999999999999', '-1', '0.0', '12.4', 'sm_120', 'cu121', '+cpu', '==', '>=', 'GPU 0: ',
  'NVIDIA GeForce RTX 4090', 'Driver Version: ', 'CUDA Version: ', 'torch==', 'set COMMANDLINE_ARGS=', 'export ', '<gpu>', '</gpu>',
];

/** One mutation of a text: flip, insert, delete, duplicate or splice a piece, chosen by the PRNG. */
export function mutate(text: string, next: () => number, donors: readonly string[]): string {
  const at = (n: number): number => Math.floor(next() * Math.max(1, n));
  const pos = at(text.length + 1);
  switch (at(8)) {
    case 0: // insert a token
      return text.slice(0, pos) + TOKENS[at(TOKENS.length)] + text.slice(pos);
    case 1: { // delete a span
      const len = at(64);
      return text.slice(0, pos) + text.slice(pos + len);
    }
    case 2: { // duplicate a line many times
      const start = text.lastIndexOf('\n', pos - 1) + 1;
      const end = text.indexOf('\n', pos);
      const line = text.slice(start, end === -1 ? text.length : end);
      return text.slice(0, start) + `${line}\n`.repeat(1 + at(200)) + text.slice(start);
    }
    case 3: // replace a character by a random code unit
      return text.slice(0, pos) + String.fromCharCode(at(0xffff)) + text.slice(pos + 1);
    case 4: { // splice in a piece of another sample
      const donor = donors[at(donors.length)] ?? '';
      const from = at(donor.length);
      return text.slice(0, pos) + donor.slice(from, from + at(2000)) + text.slice(pos);
    }
    case 5: // cut the text short (a truncated paste)
      return text.slice(0, pos);
    case 6: { // swap digits (versions out of range)
      return text.replace(/\d+/g, (d) => (next() < 0.1 ? String(Math.floor(next() * 10 ** (1 + at(12)))) : d));
    }
    default: { // stretch a run of one character
      const ch = text.charAt(pos) || ' ';
      return text.slice(0, pos) + ch.repeat(1 + at(5000)) + text.slice(pos);
    }
  }
}

const fill = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/**
 * Worst-case shapes (each about `size` characters): what made a parser or the doctor quadratic before, or could —
 * repeated GPU lines (issue 11: 2 MB took 830 s), long lines of one separator, long blank runs, many CSV rows,
 * deep nesting, one huge field.
 */
export function worstCases(size: number): { name: string; text: string }[] {
  const lines = (line: string): string => fill(`${line}\n`, size);
  return [
    { name: 'repeated collect_env GPU lines', text: lines('GPU models and configuration: GPU 0: Quadro RTX 6000') },
    { name: 'repeated "with CUDA capability" warnings', text: lines('NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation.') },
    { name: 'many distinct GPU names', text: Array.from({ length: Math.floor(size / 40) }, (_, i) => `GPU ${i}: NVIDIA GeForce RTX ${2000 + (i % 3000)} Ti`).join('\n') },
    { name: 'many nvidia-smi CSV rows', text: Array.from({ length: Math.floor(size / 50) }, (_, i) => `${i}, NVIDIA GeForce RTX 4090, 560.35.03, 24564, 8.9`).join('\n') },
    { name: 'many nvidia-smi table rows', text: lines('|   0  NVIDIA GeForce RTX 4090      WDDM  | 00000000:01:00.0  On |                  N/A |') },
    { name: 'one line of pipes', text: `x${fill('|', size)}x` },
    { name: 'one line of spaces then text', text: `GPU 0: ${fill(' ', size)}x` },
    { name: 'blank runs after keywords', text: `driver${fill('\n \n', size)}x` },
    { name: 'open XML tags', text: fill('<gpu ', size) },
    { name: 'launcher expansions', text: fill('set A=%A%%A%%A%%A%\n', size) },
    { name: 'pip "Successfully installed" line', text: `Successfully installed ${fill('torch-2.1.0 ', size)}` },
    { name: 'one huge GPU name', text: `0, NVIDIA ${fill('x', size)}, 560.35.03, 24564, 8.9` },
    { name: 'escape sequences', text: fill('\u001b[31m\u001b]0;t\u0007GPU 0: RTX 3090\n', size) },
    { name: 'CJK and full-width', text: fill('ドライバー：　Driver Version：546.33　用户\n', size) },
  ];
}
