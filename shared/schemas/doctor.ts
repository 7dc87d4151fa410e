import { z } from 'zod';
import { Finding } from './finding.js';
import { Platform } from './detect.js';

/** What `torchlift doctor` read from pasted text (CONTRACT.md). Only what is there; never invented. */
export const Extracted = z.object({
  platform: Platform.nullable(),
  driverVersion: z.string().nullable(),
  maxCudaVersion: z.string().nullable(),
  gpus: z.array(z.object({ name: z.string(), computeCapability: z.string().nullable() })),
  toolkitVersion: z.string().nullable(),
  torchVersion: z.string().nullable(),
  torchCudaVersion: z.string().nullable(),
  cudnnVersion: z.string().nullable(),
  pythonVersion: z.string().nullable(),
  xformersVersion: z.string().nullable(),
  xformersBuiltForTorch: z.string().nullable(),
});
export type Extracted = z.infer<typeof Extracted>;

export const DoctorReport = z.object({
  extracted: Extracted,
  findings: z.array(Finding),
});
export type DoctorReport = z.infer<typeof DoctorReport>;
