/**
 * The names of every API call, in one plain list with no dependencies, so the sandboxed preload can
 * import it without pulling in zod. `contract.ts` holds the schemas; a type test keeps the two equal.
 */
export const API_CALLS = [
  'appInfo', 'detect', 'doctor',
  'planDllSwap', 'planTorchUpgrade', 'planCudaInstall', 'planCudnnOverlay', 'planCudaPath', 'startApply', 'getJob', 'listJobs', 'history', 'rollback', 'pruneHistory', 'recover',
  'getSettings', 'setSettings', 'about', 'pruneCache', 'readLogs', 'buildReport', 'listFolders', 'pickFolder',
] as const;

export type ApiCallName = (typeof API_CALLS)[number];

/** The IPC channel that carries one call in Electron. */
export const ipcChannel = (name: ApiCallName): string => `torchlift:${name}`;

/** The HTTP path that carries one call in the web host. */
export const httpPath = (name: ApiCallName): string => `/api/${name}`;
