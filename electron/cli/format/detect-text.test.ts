import { describe, expect, it } from 'vitest';
import type { DetectReport, Install } from '../../../shared/schemas/detect.js';
import { formatDetectReport } from './detect-text.js';

const install = (over: Partial<Install>): Install => ({
  kind: 'aki', path: 'D:\\sd-webui-aki-v4.10', python: null, torch: null, torchvision: null, xformers: null, libraries: [], ...over,
});
const report = (installs: Install[]): DetectReport => ({
  schemaVersion: 1, platform: 'windows', gpus: [], driver: { status: 'not-installed', version: null, maxCudaVersion: null, message: '' },
  toolkits: [], installs, findings: [],
});

describe('formatDetectReport: what cannot be known is "unknown", never "not installed" (issue 9)', () => {
  it('an install whose Python cannot be found', () => {
    const text = formatDetectReport(report([install({})]));
    expect(text).toContain('python: not found');
    expect(text).toContain('torch: unknown (no Python found for this install)');
    expect(text).toContain('torchvision: unknown');
    expect(text).not.toMatch(/torch(vision)?: not installed/);
  });
  it('an install whose Python was found and has no torch', () => {
    const text = formatDetectReport(report([install({ python: { path: 'D:\\sd\\py310\\python.exe', version: '3.10.11' } })]));
    expect(text).toContain('torch: not installed');
    expect(text).not.toMatch(/unknown \(no Python/);
  });
});
