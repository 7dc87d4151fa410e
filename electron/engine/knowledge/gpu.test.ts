import { describe, expect, it } from 'vitest';
import { lookupComputeCapability } from './gpu.js';
import { gpuRows } from './load.js';

const cc = (name: string): string | null => lookupComputeCapability(name)?.cc ?? null;

describe('lookupComputeCapability', () => {
  it.each([
    ['NVIDIA GeForce RTX 4070', '8.9'],
    ['NVIDIA GeForce RTX 4080 SUPER', '8.9'],
    ['NVIDIA GeForce RTX 5070 Ti', '12.0'],
    ['NVIDIA GeForce RTX 5090', '12.0'],
    ['NVIDIA GeForce RTX 5080 Laptop GPU', '12.0'],
    ['RTX 4060 Laptop GPU', '8.9'],
    ['Nvidia GeForce RTX 3050 laptop GPU', '8.6'],
    ['NVIDIA GeForce RTX 3080', '8.6'],
    ['GeForce GTX 1660 Ti with Max-Q Design', '7.5'],
    ['GeForce GTX 1660 Ti', '7.5'],
    ['NVIDIA GeForce GTX 1660 SUPER', '7.5'],
    ['NVIDIA GeForce GTX 1070', '6.1'],
    ['GeForce GTX 1080', '6.1'],
    ['TITAN RTX', '7.5'],
    ['NVIDIA TITAN V', '7.0'],
    ['NVIDIA TITAN Xp', '6.1'],
    ['NVIDIA TITAN X (Pascal)', '6.1'],
    ['GeForce GTX TITAN X', '5.2'],
    ['Quadro RTX 4000', '7.5'],
    ['Quadro RTX 6000', '7.5'],
    ['NVIDIA RTX 6000 Ada Generation', '8.9'],
    ['NVIDIA RTX 4000 SFF Ada Generation', '8.9'],
    ['NVIDIA RTX A6000', '8.6'],
    ['NVIDIA RTX PRO 6000 Blackwell Workstation Edition', '12.0'],
    ['Tesla P40', '6.1'],
    ['Tesla P100-PCIE-16GB', '6.0'],
    ['Tesla T4', '7.5'],
    ['Tesla V100-SXM2-16GB', '7.0'],
    ['NVIDIA A100-SXM4-80GB', '8.0'],
    ['NVIDIA A10', '8.6'],
    ['NVIDIA H100 80GB HBM3', '9.0'],
    ['NVIDIA L40S', '8.9'],
    ['GeForce GTX 960M', '5.0'],
    ['GeForce GTX 960', '5.2'],
  ])('%s → %s', (name, want) => {
    expect(cc(name)).toBe(want);
  });

  it('picks the most specific row and reports it', () => {
    expect(lookupComputeCapability('NVIDIA GeForce RTX 5070 Ti')?.matched).toBe('GeForce RTX 5070 Ti');
    expect(lookupComputeCapability('Quadro RTX 4000')?.matched).toBe('Quadro RTX 4000');
    expect(lookupComputeCapability('NVIDIA RTX 4000 Ada Generation')?.matched).toBe('RTX 4000 Ada Generation');
  });

  it('matches whole words only', () => {
    expect(cc('GeForce RTX 470')).toBeNull();
    expect(cc('NVIDIA A1')).toBeNull();
    expect(cc('RTX 407')).toBeNull();
  });

  it('refuses unknown extra words instead of guessing', () => {
    expect(cc('NVIDIA RTX PRO 5000 Rubin')).toBeNull();
    expect(cc('GeForce 8800 GT')).toBeNull();
    expect(cc('AMD Radeon RX 7900 XTX')).toBeNull();
    expect(cc('NVIDIA')).toBeNull();
    expect(cc('')).toBeNull();
  });

  it('handles names truncated by nvidia-smi when the CC is unambiguous', () => {
    const m = lookupComputeCapability('GeForce GTX 105...');
    expect(m?.cc).toBe('6.1');
    expect(m?.candidates).toEqual(expect.arrayContaining(['GeForce GTX 1050', 'GeForce GTX 1050 Ti']));
    expect(cc('NVIDIA GeForce RTX 4060 ...')).toBe('8.9');
    expect(cc('NVIDIA GeForce GTX 1050 T...')).toBe('6.1');
  });

  it('returns null for truncated names that span several CCs', () => {
    expect(cc('NVIDIA GeForce ...')).toBeNull();
    expect(cc('NVIDIA GeForce GTX 1...')).toBeNull();
    expect(cc('NVIDIA RTX A...')).toBeNull();
  });

  it('flags rows that facts.md does not confirm', () => {
    expect(lookupComputeCapability('NVIDIA GeForce RTX 3060')?.unconfirmed).toBe(true);
    expect(lookupComputeCapability('NVIDIA GeForce RTX 4070')?.unconfirmed).toBe(false);
  });

  it('finds every table row by its own name', () => {
    for (const row of gpuRows()) expect(cc(row.name), row.name).toBe(row.cc);
    for (const row of gpuRows()) expect(cc(`NVIDIA ${row.name}`), row.name).toBe(row.cc);
  });
});
