// Installed Python packages from `pip list`, `pip freeze`, `pip show` and collect_env's `[pip] name==ver` lines.
import { cleanLines } from './text-lines.js';

/** PEP 503 name normalisation: lowercase, runs of `-`, `_`, `.` become `-` ("Torch_Vision" → "torch-vision"). */
export function normalisePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = String.raw`[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`;
// "torch==2.1.2+cu121", "[pip] torch==1.5.0+cu101", "[pip3] numpy==1.19.2", "name===1.0"
const FREEZE = new RegExp(String.raw`^\s*(?:\[pip3?\]\s+)?(${NAME})(?:\[[^\]]*\])?\s*===?\s*([^\s;#]+)`);
// "torch @ file:///C:/wheels/torch-2.1.2%2Bcu121-cp310-cp310-win_amd64.whl"
const DIRECT = new RegExp(String.raw`^\s*(?:\[pip3?\]\s+)?(${NAME})\s+@\s+(\S+)`);
// "-e git+https://github.com/x/y.git@abc#egg=name"
const EDITABLE = /^\s*-e\s+(\S+?)#egg=([A-Za-z0-9._-]+)/;
const VERSION_CELL = /^\d[0-9A-Za-z.+!_-]*$/;

/** Version from a wheel URL ("torch-2.1.2%2Bcu121-cp310-...whl" → "2.1.2+cu121"), else the URL itself. */
function versionFromUrl(url: string): string {
  const wheel = /\/[^/]+?-(\d[^-/]*)-[^/]*\.whl$/.exec(decodeURIComponent(url));
  return wheel?.[1] ?? url;
}

/**
 * Name → version for every package found. `pip list` columns are read only below their "Package Version" header;
 * direct references (`name @ url`) give the wheel's version when the URL names a wheel, otherwise the URL.
 */
export function parsePipPackages(text: string): Record<string, string> {
  const packages: Record<string, string> = {};
  let inColumns = false;
  let showName: string | null = null;
  for (const line of cleanLines(text)) {
    if (/^\s*Package\s+Version\b/.test(line)) {
      inColumns = true;
      continue;
    }
    if (inColumns && /^\s*-{3,}\s+-{3,}/.test(line)) continue;
    const freeze = FREEZE.exec(line);
    const direct = DIRECT.exec(line);
    const editable = EDITABLE.exec(line);
    const show = /^Name:\s*(\S+)\s*$/.exec(line);
    const showVersion = /^Version:\s*(\S+)\s*$/.exec(line);
    if (freeze?.[1] !== undefined && freeze[2] !== undefined) {
      packages[normalisePackageName(freeze[1])] = freeze[2];
    } else if (direct?.[1] !== undefined && direct[2] !== undefined) {
      packages[normalisePackageName(direct[1])] = versionFromUrl(direct[2]);
    } else if (editable?.[1] !== undefined && editable[2] !== undefined) {
      packages[normalisePackageName(editable[2])] = editable[1];
    } else if (show?.[1] !== undefined) {
      showName = show[1];
    } else if (showVersion?.[1] !== undefined && showName !== null) {
      packages[normalisePackageName(showName)] = showVersion[1];
      showName = null;
    } else if (inColumns) {
      const cells = line.trim().split(/\s+/);
      if (cells.length >= 2 && new RegExp(`^${NAME}$`).test(cells[0] ?? '') && VERSION_CELL.test(cells[1] ?? '')) {
        packages[normalisePackageName(cells[0] ?? '')] = cells[1] ?? '';
      } else if (line.trim() === '' || cells.length < 2) {
        inColumns = line.trim() === '' ? inColumns : false;
      }
    }
  }
  return packages;
}
