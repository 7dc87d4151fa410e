import { satisfies } from '@renovatebot/pep440';
import type { InstallKind } from '../../../shared/schemas/detect.js';
import { appRows } from './load.js';
import type { AppRow } from './schemas.js';

/**
 * What an SD app expects (apps.json): the row for its version when known (PEP 440 match), else the row for the
 * current version (the last row listed for the app).
 */
export function appRequirements(app: InstallKind, appVersion?: string | null): AppRow | null {
  const rows = appRows().filter((r) => r.app === app);
  const clean = appVersion?.trim().replace(/^v/, '');
  const byVersion = clean ? rows.find((r) => r.appVersions !== null && safeSatisfies(clean, r.appVersions)) : undefined;
  return byVersion ?? rows[rows.length - 1] ?? null;
}

function safeSatisfies(version: string, spec: string): boolean {
  try {
    return satisfies(version, spec);
  } catch {
    return false;
  }
}
