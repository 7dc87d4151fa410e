import fs from 'node:fs/promises';
import path from 'node:path';
import type { Journal, Refusal } from '../../../shared/schemas/tx.js';
import { errnoOf } from '../fs/fs-ops.js';
import type { Msg } from '../../../shared/i18n/message.js';
import { em } from '../i18n/engine-text.js';
import { backupPath, stagingPath } from './file-names.js';
import { backupDir } from './journal-store.js';
import { behindLink, outsideTargets, targetIsLink } from './messages.js';
import { filesOutsideRoots, isInside } from './target-roots.js';
import { bindingProblem } from './journal-binding.js';
import { describeTree } from './tree-steps.js';

/**
 * Where a transaction may write, checked on the real file system and not just as text: every target's folder,
 * after resolving links (symlinks, junctions), must lie inside a real root, every root inside the real `confinedTo`
 * (the venv's site-packages), and no target may itself be a link. A link such as site-packages/nvidia/cudnn →
 * /elsewhere/cudnn is refused by name, so nothing outside the install is ever replaced.
 */
export async function containmentRefusals(args: { targets: readonly string[]; roots: readonly string[]; confinedTo: string | null }): Promise<Refusal[]> {
  const outside = filesOutsideRoots(args.targets, args.roots);
  if (outside.length > 0) return outside.map((file) => outsideTargets({ file, roots: [...args.roots] }));
  const out: Refusal[] = [];
  const confine = args.confinedTo === null ? null : await real(args.confinedTo);
  const seen = new Set<string>();
  // A toolkit's thousands of targets share a few hundred folders and one root: each is resolved once per call.
  const resolved = new Map<string, Promise<string>>();
  const realOnce = (p: string): Promise<string> => {
    let r = resolved.get(p);
    if (r === undefined) resolved.set(p, (r = real(p)));
    return r;
  };
  for (const target of args.targets) {
    const root = args.roots.find((r) => isInside(r, target)) ?? '';
    const dir = path.dirname(path.resolve(target));
    const [realRoot, realDir] = [await realOnce(root), await realOnce(dir)];
    const escapes = (confine !== null && !isInside(confine, realRoot)) || !isInside(realRoot, realDir);
    if (escapes) {
      const from = confine !== null && !isInside(confine, realRoot) && args.confinedTo !== null ? args.confinedTo : root;
      const link = await firstLink(from, dir);
      if (!seen.has(link)) out.push(behindLink({ link, real: await real(link), inside: confine ?? realRoot }));
      seen.add(link);
      continue;
    }
    const linked = await linkTarget(target);
    if (linked !== null) out.push(targetIsLink({ file: target, real: linked }));
  }
  return out;
}

/**
 * Why a journal read from disk must not be acted on (null: its paths are sound): targets outside its roots or behind
 * a link, staging names or backups that are not the ones this transaction would have made (a tampered journal).
 * A message (engine.json `journalProblem`, or a containment refusal's message).
 */
export async function journalPathProblem(dataDir: string, journal: Journal, env: NodeJS.ProcessEnv = process.env): Promise<Msg | null> {
  const bound = await bindingProblem(journal, env, dataDir);
  if (bound !== null) return bound;
  const targets = [...journal.files.map((f) => f.target), ...journal.trees.map((t) => path.join(t.root, '.'))];
  const refusals = await containmentRefusals({ targets, roots: journal.targetRoots, confinedTo: journal.confinedTo });
  if (refusals[0]?.messageMsg) return refusals[0].messageMsg;
  for (const [index, t] of journal.trees.entries()) {
    const expected = describeTree({ root: t.root, units: [] }, index, journal.id);
    for (const key of ['snapshot', 'displaced', 'listing'] as const) {
      if (path.resolve(t[key]) !== path.resolve(expected[key])) return em('journalProblem.tree', { path: t[key], id: journal.id, expected: expected[key] });
    }
    // Units are relative paths inside the root; one that climbs out is tampering.
    for (const u of t.units) {
      if (!isInside(t.root, path.join(t.root, u.path)) || path.isAbsolute(u.path)) return em('journalProblem.treeRoot', { root: path.join(t.root, u.path), allowed: t.root });
    }
  }
  const backups = backupDir(dataDir, journal.id);
  const realBackups = await real(backups);
  for (const [index, f] of journal.files.entries()) {
    if (path.resolve(f.staging) !== path.resolve(stagingPath(f.target, journal.id))) return em('journalProblem.staging', { staging: f.staging, id: journal.id });
    if (f.backup === null) continue;
    const expected = backupPath(backups, index, f.target);
    const sameFolder = path.resolve(path.dirname(f.backup)) === path.resolve(backups) || (await real(path.dirname(f.backup))) === realBackups;
    if (!sameFolder || path.basename(f.backup) !== path.basename(expected)) return em('journalProblem.backup', { backup: f.backup, folder: backups });
  }
  return null;
}

/** The path with every link resolved; for a path that does not exist, its nearest existing parent resolved + the rest. */
async function real(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch (error) {
    const parent = path.dirname(abs);
    if (parent === abs || !['ENOENT', 'ENOTDIR'].includes(errnoOf(error) ?? '')) return abs;
    return path.join(await real(parent), path.basename(abs));
  }
}

/** The first folder below `from` on the way to `to` that is a link (or `to` when none is found: a mount, a junction Node cannot see). */
async function firstLink(from: string, to: string): Promise<string> {
  const base = path.resolve(from);
  const rel = path.relative(base, path.resolve(to));
  let current = base;
  for (const part of rel.split(path.sep).filter((x) => x !== '' && x !== '.')) {
    current = path.join(current, part);
    if ((await linkTarget(current)) !== null) return current;
  }
  return path.resolve(to);
}

/** Where a link points (resolved), or null when the path is not a link (or does not exist). */
async function linkTarget(p: string): Promise<string | null> {
  try {
    if (!(await fs.lstat(p)).isSymbolicLink()) return null;
  } catch {
    return null;
  }
  return real(p);
}
