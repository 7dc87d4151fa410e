import { z } from 'zod';

/** The marker line probe.py prints just before its JSON line. */
export const PROBE_MARKER = '@@TORCHLIFT-PROBE-JSON@@';

const ErrorInfo = z.object({ type: z.string(), message: z.string() });

/** One step of `probe.py --verify`. */
export const VerifyStep = z.object({
  name: z.string(),
  ok: z.boolean(),
  ms: z.number().nullable(),
  value: z.unknown().optional(),
  error: ErrorInfo.nullable(),
});
export type VerifyStep = z.infer<typeof VerifyStep>;

/** What probe.py prints (resources/probe/probe.py); lenient about extra fields. */
export const ProbeOutput = z.object({
  probe: z.number(),
  mode: z.enum(['info', 'verify']),
  python: z.object({
    version: z.string(),
    executable: z.string().nullable(),
    bits: z.number(),
    implementation: z.string().optional(),
    prefix: z.string().optional(),
  }).nullable(),
  torch: z.object({
    version: z.string(),
    cuda: z.string().nullable(),
    hip: z.string().nullable().optional(),
    cudnn: z.number().nullable(),
    cudaAvailable: z.boolean().nullable(),
    deviceCount: z.number(),
    devices: z.array(z.object({ index: z.number(), name: z.string().nullable(), capability: z.string().nullable() })),
    archList: z.array(z.string()),
    file: z.string().nullable().optional(),
    isAvailableMs: z.number().optional(),
  }).nullable(),
  importError: ErrorInfo.nullable(),
  importMs: z.number().nullable().optional(),
  warnings: z.array(z.object({ category: z.string(), message: z.string() })),
  errors: z.array(z.object({ step: z.string(), type: z.string(), message: z.string() })),
  verify: z.object({ steps: z.array(VerifyStep) }).optional(),
  fatal: ErrorInfo.optional(),
});
export type ProbeOutput = z.infer<typeof ProbeOutput>;

/** Finds the JSON after the last marker line in stdout (torch may print before it). */
export function extractProbeOutput(stdout: string): { ok: true; output: ProbeOutput } | { ok: false; reason: string } {
  const at = stdout.lastIndexOf(PROBE_MARKER);
  if (at === -1) return { ok: false, reason: 'the probe printed no result' };
  const line = stdout.slice(at + PROBE_MARKER.length).trim().split(/\r?\n/)[0] ?? '';
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'the probe result is not valid JSON' };
  }
  const parsed = ProbeOutput.safeParse(data);
  return parsed.success ? { ok: true, output: parsed.data } : { ok: false, reason: `unexpected probe result: ${parsed.error.issues[0]?.message ?? 'shape'}` };
}
