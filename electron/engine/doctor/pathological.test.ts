import { describe, expect, it } from 'vitest';
import { DoctorReport } from '../../../shared/schemas/doctor.js';
import { parseLauncherConfig } from '../parsers/launcher-config.js';
import { parseNvidiaSmi } from '../parsers/nvidia-smi.js';
import { doctorText } from './doctor-text.js';
import { MAX_LINE, clip, normaliseText } from './normalise.js';

const fill = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

// Shapes that took time growing with the square (or cube) of a line's length, or of a run of blank lines.
const LONG_LINES = [
  '|', ' ', '1.', 'GPU-', '=', 'a', 'C:\\', '[', '<gpu ', 'Found GPU0 ', ' with CUDA capability sm_86', "Couldn't install torch Command: pip install ",
  'cudnn_a', 'undefined symbol:', 'Successfully installed ', 'Error loading a', 'export A=  ', '|   0 ', 'GPU 0: ', 'name, driver_version  ',
];
const BLANK_RUNS = ['driver', 'cuda.is_available()', 'torch version', 'requires PyTorch', 'Driver Version'];

describe('doctor on pathological pastes', () => {
  it('a 2 MB paste of long lines and long blank runs returns a valid report', () => {
    const long = LONG_LINES.map((unit) => `x${fill(unit, 60_000)}x`);
    const blank = BLANK_RUNS.map((word) => `${word}${fill('\n \n', 150_000)}x`);
    const text = ['python_embeded', ...long, ...blank].join('\n');
    expect(text.length).toBeGreaterThan(1_900_000);
    expect(text.length).toBeLessThanOrEqual(2_000_000);
    const report = doctorText(text, 'en', {});
    expect(DoctorReport.safeParse(report).success).toBe(true);
    // A ceiling, not a speed target: linear work on 2 MB takes seconds on a busy shared 2-core machine.
  }, 60_000);

  it('cuts each line to MAX_LINE characters and says so in the evidence', () => {
    const line = `NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation. ${fill('ab ', 20_000)}`;
    const normal = normaliseText(`${line}\nnext`);
    const [first, second] = normal.split('\n');
    expect(first?.startsWith(line.slice(0, MAX_LINE))).toBe(true);
    expect(first).toContain(`[line cut: ${line.trimEnd().length} characters]`);
    expect(second).toBe('next');
    expect(clip(first ?? '')).toMatch(/… \[line cut: \d+ characters\]$/);
    const finding = doctorText(line, 'en', {}).findings.find((f) => f.code === 'gpu-arch-unsupported');
    expect(finding?.evidence.some((e) => e.includes('[line cut:'))).toBe(true);
  });

  it('parsers called on raw text stay linear too: nvidia-smi, launcher files', () => {
    const smi = ['|   0 ', 'GPU 0: ', '=', 'name, driver_version  ', '<fb_memory_usage>'].map((u) => `${u}${fill(' ', 200_000)}x`).join('\n');
    expect(parseNvidiaSmi(`${smi}\n${fill('<gpu\n', 200_000)}`).gpus).toEqual([]);
    const sh = parseLauncherConfig(`export COMMANDLINE_ARGS=a${fill(' ', 200_000)}b\n${fill('set A=%A%%A%%A%%A%\n', 2_000)}`, 'sh');
    expect(sh.vars.COMMANDLINE_ARGS).toHaveLength(32 * 1024);
    const bat = parseLauncherConfig(fill('set A=%A%%A%%A%%A%\nset A=x%A%\n', 4_000), 'bat');
    expect((bat.vars.A ?? '').length).toBeLessThanOrEqual(32 * 1024);
  });
});
