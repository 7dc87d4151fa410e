import { assembleGpuDriver } from '../../engine/detect/gpu-driver-assemble.js';
import { extractProbeOutput } from '../../engine/detect/probe-output.js';
import { versionFromVersionJson, versionFromVersionTxt } from '../../engine/detect/toolkit-version.js';
import { doctorText } from '../../engine/doctor/doctor-text.js';
import { parseCollectEnv } from '../../engine/parsers/collect-env.js';
import { parseCudnnHeader } from '../../engine/parsers/cudnn-header.js';
import { parseLauncherConfig } from '../../engine/parsers/launcher-config.js';
import { parseLaunchLine } from '../../engine/parsers/launcher-launches.js';
import { parseNvccVersion } from '../../engine/parsers/nvcc.js';
import { classifyNvidiaSmiFailure, parseNvidiaSmi, parseNvidiaSmiQueryCsv } from '../../engine/parsers/nvidia-smi.js';
import { parsePipPackages } from '../../engine/parsers/pip-list.js';
import { splitWords } from '../../engine/parsers/shell-words.js';
import { parseTorchVersion } from '../../engine/parsers/torch-version.js';
import { parseXformersReport } from '../../engine/parsers/xformers.js';
import type { RunResult } from '../../engine/process/run.js';
import { DoctorReport } from '../../../shared/schemas/doctor.js';
import { Driver, Gpu } from '../../../shared/schemas/detect.js';

/** One thing that reads untrusted text; `check` throws when the answer breaks its shape. */
export interface FuzzTarget {
  name: string;
  run(text: string): unknown;
}

const FIELDS = ['index', 'name', 'driver_version', 'memory.total', 'compute_cap'];

const smiRun = (stdout: string, stderr = '', ok = true): RunResult => ({
  name: 'nvidia-smi', command: 'nvidia-smi', args: [], ok, exitCode: ok ? 0 : 9, signal: null, stdout, stderr, durationMs: 1,
  timedOut: false, isCanceled: false, spawnError: null,
});

/** Every parser of untrusted text, the detection step that assembles nvidia-smi's answers, and the doctor. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  { name: 'doctor (en)', run: (t) => DoctorReport.parse(doctorText(t, 'en', {})) },
  { name: 'doctor (ja)', run: (t) => DoctorReport.parse(doctorText(t, 'ja', {})) },
  { name: 'nvidia-smi (any format)', run: (t) => parseNvidiaSmi(t) },
  { name: 'nvidia-smi query CSV', run: (t) => parseNvidiaSmiQueryCsv(t, FIELDS) },
  { name: 'nvidia-smi failure', run: (t) => classifyNvidiaSmiFailure(t) },
  {
    name: 'gpu+driver assembly',
    run: (t) => {
      const r = assembleGpuDriver({
        smiPath: 'nvidia-smi', platform: 'windows', query: smiRun(t), queryFields: FIELDS, table: smiRun(t), detailed: smiRun('', t, false),
        deriveMaxCuda: () => null, lookupCc: () => null,
      });
      Driver.parse(r.driver);
      for (const g of r.gpus) Gpu.parse(g);
      if (r.driver.message.length > 2000) throw new Error(`driver.message is ${r.driver.message.length} characters`);
      if (r.gpus.length > 64) throw new Error(`${r.gpus.length} GPUs`);
      return r;
    },
  },
  { name: 'collect_env', run: (t) => parseCollectEnv(t) },
  { name: 'nvcc', run: (t) => parseNvccVersion(t) },
  { name: 'pip list/freeze', run: (t) => parsePipPackages(t) },
  { name: 'xformers', run: (t) => parseXformersReport(t) },
  { name: 'launcher .bat', run: (t) => parseLauncherConfig(t, 'bat') },
  { name: 'launcher .sh', run: (t) => parseLauncherConfig(t, 'sh') },
  { name: 'launch line', run: (t) => t.split('\n', 200).map((l) => parseLaunchLine(l)) },
  { name: 'shell words', run: (t) => splitWords(t.slice(0, 100_000)) },
  { name: 'cudnn header', run: (t) => parseCudnnHeader(t) },
  { name: 'torch version', run: (t) => t.split('\n', 200).map((l) => parseTorchVersion(l)) },
  { name: 'toolkit version.json/txt', run: (t) => [versionFromVersionJson(t), versionFromVersionTxt(t)] },
  { name: 'probe output', run: (t) => extractProbeOutput(t) },
];
