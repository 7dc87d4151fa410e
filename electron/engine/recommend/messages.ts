import type { RecommendNote, RecommendReason } from '../../../shared/schemas/recommend.js';

type Params = Record<string, string>;
const p = (params: Params, key: string): string => params[key] ?? '?';

// English text per reason code; the UI localises from code + params.
const TEXT: Record<string, (x: Params) => string> = {
  'needs-driver': (x) =>
    p(x, 'have') === 'none'
      ? `${p(x, 'tag')} needs an NVIDIA driver ≥ ${p(x, 'minDriver')}; none was found`
      : `${p(x, 'tag')} needs driver ≥ ${p(x, 'minDriver')}; you have ${p(x, 'have')}`,
  'gpu-too-new': (x) => `torch ${p(x, 'torch')} ${p(x, 'tag')} has no kernels for your GPU (compute ${p(x, 'cc')}); it stops at ${p(x, 'highest')}`,
  'gpu-too-old': (x) => `torch ${p(x, 'torch')} ${p(x, 'tag')} dropped your GPU (compute ${p(x, 'cc')}); it starts at ${p(x, 'lowest')}`,
  'arch-unknown': (x) => `no GPU architecture list is known for torch ${p(x, 'torch')} ${p(x, 'tag')} on ${p(x, 'platform')}`,
  'python-unsupported': (x) => `torch ${p(x, 'torch')} supports Python ${p(x, 'min')}–${p(x, 'max')}; you have ${p(x, 'python')}`,
  'torch-too-old-for-app': (x) => `${p(x, 'app')} needs torch ≥ ${p(x, 'need')}`,
  'torch-too-new-for-app': (x) => `${p(x, 'app')} is known to run torch up to ${p(x, 'max')}.x; ${p(x, 'torch')} is newer (${p(x, 'source')})`,
  'app-tested-pair': (x) => `torch ${p(x, 'torch')} is what ${p(x, 'app')} itself installs and is tested with (${p(x, 'source')})`,
  'app-tested-pair-unfit': (x) => `${p(x, 'app')}'s own tested build, torch ${p(x, 'torch')}, does not fit this machine: ${p(x, 'reason')}`,
  'above-app-bound': (x) =>
    `no build up to torch ${p(x, 'max')}.x (the newest ${p(x, 'app')} is known to run) fits this machine; torch ${p(x, 'torch')} is newer than ${p(x, 'app')} was tested with`,
  'no-gpu-cpu-torch': (x) =>
    x.torch
      ? `no NVIDIA GPU was found, so no CUDA build is offered (it would not run here); the installed torch ${p(x, 'torch')} runs on the CPU. If this machine has an NVIDIA GPU, install its driver and scan again`
      : 'no NVIDIA GPU was found, so no CUDA build is offered (it would not run here). If this machine has an NVIDIA GPU, install its driver and scan again',
  'known-issue': (x) => `torch ${p(x, 'torch')} on ${p(x, 'platform')}: ${p(x, 'summary')} (${p(x, 'source')})`,
  'python-experimental': (x) => `Python ${p(x, 'python')} is only experimental for torch ${p(x, 'torch')}`,
  'no-xformers-for-build': (x) => `no xformers wheel matches ${p(x, 'torch')} on ${p(x, 'platform')}; the app will use PyTorch attention`,
  'newer-without-xformers': (x) => `torch ${p(x, 'torch')} is newer but has no matching xformers here; ${p(x, 'chosen')} keeps xformers`,
  'driver-unlocks-newer': (x) => `a driver ≥ ${p(x, 'minDriver')} (CUDA ${p(x, 'cuda')}) would allow torch ${p(x, 'torch')}`,
  downgrade: (x) => `this is older than the installed torch ${p(x, 'from')}`,
  'already-installed': (x) => `torch ${p(x, 'torch')} is already installed`,
  'unconfirmed-data': () => 'this choice rests on compatibility data that no primary source confirms',
  'gpu-cc-unknown': (x) => `the compute capability of "${p(x, 'gpu')}" is unknown, so no build can be checked against it`,
  'no-driver': () => 'no NVIDIA driver version is known',
};

/** English rendering of a reason code with its params. */
export function reasonMessage(reason: RecommendReason): string {
  const f = TEXT[reason.code];
  return f === undefined ? reason.code : f(reason.params);
}

/** A note: code + params + English message. */
export function note(code: string, params: Params = {}): RecommendNote {
  return { code, params, message: reasonMessage({ code, params }) };
}
