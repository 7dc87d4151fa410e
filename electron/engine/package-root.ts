import path from 'node:path';
import { bundledResourcesDir } from './resources.js';

/**
 * The folder holding TorchLift's package.json, resources/ and dist/ (found by walking up from this file, so it
 * works from the TypeScript sources, from dist/ and from a packaged app, where it is `…/resources/app.asar`).
 */
export function packageRoot(): string {
  return path.dirname(bundledResourcesDir(import.meta.url));
}
