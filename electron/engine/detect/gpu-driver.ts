import type { Platform } from '../../../shared/schemas/detect.js';
import { lookupComputeCapability } from '../knowledge/gpu.js';
import { maxCudaForDriver } from '../knowledge/driver.js';
import { classifyNvidiaSmiFailure, isUnsupportedQueryField } from '../parsers/nvidia-smi.js';
import { run, type RunResult } from '../process/run.js';
import type { DetectContext } from './detect-context.js';
import { assembleGpuDriver, forcedSmiMissing, notInstalledDriver, type GpuDriver } from './gpu-driver-assemble.js';
import { locateNvidiaSmi } from './locate-nvidia-smi.js';

/** The query fields TorchLift asks for; old drivers (R470) do not know compute_cap. */
export const SMI_QUERY_FIELDS = ['index', 'name', 'driver_version', 'memory.total', 'compute_cap'] as const;
/** nvidia-smi -q -x for 16 GPUs is about 1 MB; more than this is not nvidia-smi talking. */
const SMI_MAX_OUTPUT = 16 * 1024 * 1024;
const SMI_FALLBACK_FIELDS = SMI_QUERY_FIELDS.filter((f) => f !== 'compute_cap');
/** nvidia-smi hangs when the driver is wedged: never wait longer than this. */
export const SMI_TIMEOUT_MS = 10_000;

const queryArgs = (fields: readonly string[]): string[] => [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];

/**
 * Detects GPUs and the driver: runs the CSV query and the default table concurrently (the table carries
 * "CUDA Version"), retries the query without compute_cap on old drivers, falls back to `-q` when needed.
 */
export async function detectGpuDriver(ctx: DetectContext, opts: { timeoutMs?: number } = {}): Promise<GpuDriver> {
  const location = await locateNvidiaSmi(ctx);
  if (!location.found) return location.forced !== undefined ? forcedSmiMissing(location.forced) : notInstalledDriver(location.tried);
  const smi = (args: string[]): Promise<RunResult> =>
    run(location.path, args, { name: 'nvidia-smi', env: ctx.env, timeoutMs: opts.timeoutMs ?? SMI_TIMEOUT_MS, maxOutputBytes: SMI_MAX_OUTPUT });

  const [firstQuery, table] = await Promise.all([smi(queryArgs(SMI_QUERY_FIELDS)), smi([])]);
  let query = firstQuery;
  let queryFields: readonly string[] = SMI_QUERY_FIELDS;
  if (!query.ok && isUnsupportedQueryField(`${query.stdout}\n${query.stderr}`)) {
    queryFields = SMI_FALLBACK_FIELDS;
    query = await smi(queryArgs(queryFields));
  }
  // `-q` only helps when both failed for a reason nvidia-smi did not explain (and did not hang).
  const explained = classifyNvidiaSmiFailure(`${query.stdout}\n${query.stderr}\n${table.stdout}\n${table.stderr}`) !== null;
  const needDetailed = !query.ok && !table.ok && !explained && !query.timedOut && !table.timedOut && table.spawnError === null;
  const detailed = needDetailed ? await smi(['-q']) : null;
  return assembleGpuDriver({
    smiPath: location.path,
    platform: ctx.platform,
    query,
    queryFields,
    table,
    detailed,
    deriveMaxCuda: safeMaxCuda,
    lookupCc: safeLookupCc,
  });
}

function safeMaxCuda(driverVersion: string, platform: Platform): string | null {
  try {
    return maxCudaForDriver(driverVersion, platform);
  } catch {
    return null;
  }
}

function safeLookupCc(name: string): string | null {
  try {
    return lookupComputeCapability(name)?.cc ?? null;
  } catch {
    return null;
  }
}
