import { describe, expect, it } from 'vitest';
import { rtx4070Report } from '../../e2e/support/fixtures/rtx4070-report.js';
import { buildMarkdownReport, type Translate } from './markdown-report.js';

const t: Translate = (key, opts) => (opts ? `${key}${JSON.stringify(opts)}` : key);

describe('buildMarkdownReport', () => {
  const md = buildMarkdownReport(rtx4070Report('complete'), t);

  it('names the GPU, driver and toolkit', () => {
    expect(md).toContain('NVIDIA GeForce RTX 4070 — 12 GB, CC 8.9 (Ada Lovelace)');
    expect(md).toContain('546.33 (ok, max CUDA 12.3)');
    expect(md).toContain('12.1 (nvcc), cuDNN 8.9.7');
  });

  it('has a table per install with torch and xformers', () => {
    expect(md).toContain('#### scan.kinds.a1111 — `C:\\Users\\ユーザー\\stable diffusion [A1111] & co\\stable-diffusion-webui`');
    expect(md).toContain('| scan.installs.torch | 2.0.1+cu118 |');
    expect(md).toContain('| scan.installs.gpuUsable | common.yes |');
  });

  it('lists the torch/lib inventory and the findings with evidence', () => {
    expect(md).toContain('cudnn_cnn_infer64_8.dll  4096 B  [cudnn 8]');
    expect(md).toContain('(`toolkit-torch-mismatch`) — _diagnosis.unconfirmed_');
    expect(md).toContain('diagnosis.evidence: `nvcc: release 12.1`');
  });

  it('escapes pipes inside table cells', () => {
    const report = rtx4070Report('complete');
    const install = report.installs[0]!;
    report.installs = [{ ...install, probe: { state: 'failed', message: 'a | b', durationMs: 1 } }];
    expect(buildMarkdownReport(report, t)).toContain('failed: a \\| b');
  });

  it('says "unknown", never "not installed", for the packages of an install whose Python cannot be found (issue 9)', () => {
    const report = rtx4070Report('complete');
    const install = report.installs[0]!;
    report.installs = [{ ...install, python: null, torch: null, torchvision: null, xformers: null }];
    const text = buildMarkdownReport(report, t);
    expect(text).toContain('| scan.installs.torch | common.unknown |');
    expect(text).toContain('| scan.installs.torchvision | common.unknown |');
    expect(text).toContain('| scan.installs.xformers | common.unknown |');
    expect(text).not.toContain('common.notInstalled');
    report.installs = [{ ...install, torch: null, torchvision: null, xformers: null }];
    expect(buildMarkdownReport(report, t)).toContain('| scan.installs.torch | common.notInstalled |');
  });
});
