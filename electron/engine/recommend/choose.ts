import { compareDriver, compareMajorMinor, comparePep440 } from '../knowledge/versions.js';
import { type Candidate, mainFailure } from './evaluate.js';

/** Newest torch first; for the same torch, the newer CUDA first. */
export function byNewest(a: Candidate, b: Candidate): number {
  return comparePep440(b.row.version, a.row.version) || compareMajorMinor(b.variant.cuda, a.variant.cuda);
}

/**
 * The preferred build: confirmed rows first (unconfirmed only when nothing confirmed fits), then — for apps where
 * xformers matters (A1111, Forge) — the newest build with a matching xformers, else simply the newest.
 */
export function pick(cands: readonly Candidate[], preferXformers: boolean): Candidate | undefined {
  const confirmed = cands.filter((c) => !c.demoted);
  const pool = [...(confirmed.length > 0 ? confirmed : cands)].sort(byNewest);
  return (preferXformers ? pool.find((c) => c.xformers !== null) : undefined) ?? pool[0];
}

/** A few useful other choices: the newest overall, newest confirmed, newest with xformers, newest per CUDA tag. */
export function alternativesTo(best: Candidate | undefined, accepted: readonly Candidate[], limit = 5): Candidate[] {
  const sorted = [...accepted].sort(byNewest);
  // The newest of each kind: any, confirmed, with xformers, and one the driver runs natively (Table 3).
  const picks = [sorted[0], sorted.find((c) => !c.demoted), sorted.find((c) => c.xformers !== null), sorted.find((c) => c.driverFit === 'native' && c !== best)];
  for (const tag of new Set(sorted.map((c) => c.variant.tag))) picks.push(sorted.find((c) => c.variant.tag === tag));
  const out = [...new Set(picks.filter((c): c is Candidate => c !== undefined && c !== best))];
  // Native builds first, so the cap never hides the newest build the driver runs natively.
  return out.sort((a, b) => Number(b.driverFit === 'native') - Number(a.driverFit === 'native') || byNewest(a, b)).slice(0, limit);
}

/** Rejected builds worth explaining: the latest patch per torch minor × CUDA tag, newer than the best one. */
export function rejectionsWorthShowing(all: readonly Candidate[], best: Candidate | undefined, limit = 30): Candidate[] {
  const latest = new Map<string, Candidate>();
  for (const c of all) {
    const key = `${c.row.version.split('.').slice(0, 2).join('.')}|${c.variant.tag}`;
    const seen = latest.get(key);
    if (seen === undefined || comparePep440(c.row.version, seen.row.version) > 0) latest.set(key, c);
  }
  return [...latest.values()]
    .filter((c) => mainFailure(c) !== undefined && (best === undefined || byNewest(c, best) < 0))
    .sort(byNewest)
    .slice(0, limit);
}

/** Of the builds a driver update would unlock for the same torch as `ideal`, the one needing the oldest driver. */
export function cheapestUnlock(ideal: Candidate, driverOnly: readonly Candidate[]): Candidate {
  const same = driverOnly.filter(
    (c) => c.row.version === ideal.row.version && (ideal.xformers === null || c.xformers !== null) && (ideal.demoted || !c.demoted),
  );
  return [ideal, ...same].sort(byDriver)[0] ?? ideal;
}

/** The build needing the oldest driver (ties: newest torch). */
export function smallestUnlock(driverOnly: readonly Candidate[], preferXformers: boolean): Candidate | undefined {
  const sure = driverOnly.some((c) => !c.demoted) ? driverOnly.filter((c) => !c.demoted) : driverOnly;
  const pool = preferXformers && sure.some((c) => c.xformers !== null) ? sure.filter((c) => c.xformers !== null) : sure;
  return [...pool].sort((a, b) => byDriver(a, b) || byNewest(a, b))[0];
}

function byDriver(a: Candidate, b: Candidate): number {
  if (a.minDriver === null || b.minDriver === null) return a.minDriver === null ? (b.minDriver === null ? 0 : 1) : -1;
  return compareDriver(a.minDriver, b.minDriver);
}
