import { writeEntries } from './files.js';
import { fakeTorchPackage, fakeTorchvisionPackage, fakeXformersPackage, type XformersBuiltFor } from './packages.js';
import type { FakeLib } from './libs.js';

export { TORCH_BUILDS, torchBuild, cudnnVersionInt, type TorchBuild } from './builds.js';
export { cudaLibs, cudnnLibs, cudnnFileNames, fakeLibContent, libEntries, torchOwnLibs, type FakeLib } from './libs.js';
export { fakeTorchPackage, fakeTorchvisionPackage, fakeXformersPackage, xformersCudaNumber, FAKE_PYTHON_DIR,
  type FakeTorchPackage, type XformersBuiltFor } from './packages.js';
export { writeEntries, recordHash, type FileEntry } from './files.js';
export { distInfoEntries, type DistInfoSpec } from './dist-info.js';

/** Writes a fake torch into `sitePackages`; returns the libraries its import requires. */
export async function installFakeTorch(opts: { sitePackages: string; version: string; os: 'windows' | 'linux' }): Promise<FakeLib[]> {
  const pkg = fakeTorchPackage({ version: opts.version, os: opts.os });
  await writeEntries(opts.sitePackages, pkg.entries);
  return pkg.libs;
}

/** Writes a fake torchvision into `sitePackages`. */
export async function installFakeTorchvision(opts: { sitePackages: string; version: string }): Promise<void> {
  await writeEntries(opts.sitePackages, fakeTorchvisionPackage({ version: opts.version }));
}

/** Writes a fake xformers (with build info) into `sitePackages`. */
export async function installFakeXformers(opts: { sitePackages: string; version: string; builtFor: XformersBuiltFor }): Promise<void> {
  await writeEntries(opts.sitePackages, fakeXformersPackage({ version: opts.version, builtFor: opts.builtFor }));
}
