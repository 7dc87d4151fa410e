// Prints the doctor's accuracy on e2e/fixtures/cases (root cause and version extraction), overall and for a
// range: `npx vite-node scripts/cases-accuracy.ts [from] [to]` (1-based case numbers, inclusive).
import { loadCases, scoreCase, summarise } from '../e2e/fixtures/cases.js';
import { doctorText } from '../electron/engine/doctor/doctor-text.js';

const [from = 1, to = 9999] = process.argv.slice(2).map(Number);
const cases = loadCases().filter((c) => {
  const n = Number(c.file.slice(0, 3));
  return n >= from && n <= to;
});
const scores = cases.map((c) => scoreCase(c, doctorText(c.text, 'en', {})));
for (const s of scores) {
  const bad = s.values.filter((v) => !v.ok).map((v) => `${v.key}=${v.want}`);
  if (!s.rootCause || bad.length > 0) console.log(`${s.file} missing [${s.missing.join(', ')}] got [${s.codes.join(', ')}] values-missed [${bad.join(', ')}]`);
}
const t = summarise(scores);
const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`cases ${from}-${Math.min(to, from + t.cases - 1)}: root cause ${t.rootCause}/${t.cases} (${pct(t.rootCause, t.cases)}), versions ${t.valuesOk}/${t.values} (${pct(t.valuesOk, t.values)})`);
