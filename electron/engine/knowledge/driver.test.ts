import { describe, expect, it } from 'vitest';
import { cudaFamilyFloor, driverLoadsCuda, driverSupportsCuda, maxCudaForDriver, minDriverForCuda } from './driver.js';

describe('maxCudaForDriver', () => {
  it.each([
    ['546.33', 'windows', '12.3'],
    ['472.12', 'windows', '11.4'],
    ['572.83', 'windows', '12.8'],
    ['551.61', 'windows', '12.4'],
    ['551.60', 'windows', '12.3'],
    ['576.02', 'windows', '12.9'],
    ['581.57', 'windows', '13.0'],
    ['520.06', 'windows', '11.8'],
    ['580.95.05', 'linux', '13.0'],
    ['550.54.14', 'linux', '12.4'],
    ['550.40.07', 'linux', '12.3'],
    ['570.133.07', 'linux', '12.8'],
    ['470.86', 'linux', '11.4'],
    ['610.43.02', 'linux', '13.3'],
    ['31.0.15.4633', 'windows', '12.3'],
  ] as const)('%s on %s → %s', (driver, platform, want) => {
    expect(maxCudaForDriver(driver, platform)).toBe(want);
  });

  it('covers the pre-11 rows (CUDA 9.0–10.2)', () => {
    expect(maxCudaForDriver('396.24', 'linux')).toBe('9.1');
    expect(maxCudaForDriver('441.22', 'windows')).toBe('10.2');
    expect(maxCudaForDriver('441.20', 'windows')).toBe('10.1');
    expect(maxCudaForDriver('418.96', 'windows')).toBe('10.1');
    expect(maxCudaForDriver('384.81', 'linux')).toBe('9.0');
  });

  it('returns null below the oldest row, for garbage, and on macOS', () => {
    expect(maxCudaForDriver('384.80', 'linux')).toBeNull();
    expect(maxCudaForDriver('375.26', 'windows')).toBeNull();
    expect(maxCudaForDriver('not a version', 'linux')).toBeNull();
    expect(maxCudaForDriver('550.54.14', 'macos')).toBeNull();
  });
});

describe('minDriverForCuda', () => {
  it('gives the per-platform native minimum and the family floor', () => {
    expect(minDriverForCuda('12.1', 'windows')).toEqual({ version: '531.14', minorCompatFloor: '527.41', confirmed: true });
    expect(minDriverForCuda('12.8', 'linux')).toEqual({ version: '570.26', minorCompatFloor: '525.60.13', confirmed: true });
    expect(minDriverForCuda('11.8', 'windows')?.version).toBe('520.06');
    expect(minDriverForCuda('12.4.1', 'windows')?.version).toBe('551.61');
  });
  it('marks the Windows 13.x minimum unconfirmed, Linux confirmed', () => {
    expect(minDriverForCuda('13.0', 'windows')).toEqual({ version: '580', minorCompatFloor: '580', confirmed: false });
    expect(minDriverForCuda('13.0', 'linux')).toEqual({ version: '580.65.06', minorCompatFloor: '580.65.06', confirmed: true });
  });
  it('knows the pre-11 minimums, marked unconfirmed (written from memory, not in facts.md)', () => {
    expect(minDriverForCuda('10.2', 'windows')).toEqual({ version: '441.22', minorCompatFloor: '441.22', confirmed: false });
    expect(minDriverForCuda('10.1', 'linux')).toEqual({ version: '418.39', minorCompatFloor: '418.39', confirmed: false });
    expect(minDriverForCuda('9.2', 'windows')?.version).toBe('397.44');
    expect(minDriverForCuda('9.0', 'linux')?.version).toBe('384.81');
    expect(minDriverForCuda('8.0', 'linux')).toBeNull();
  });
  it('returns null for unknown CUDA or missing platform figure', () => {
    expect(minDriverForCuda('12.7', 'linux')).toBeNull();
    expect(minDriverForCuda('13.3', 'windows')).toBeNull();
  });
});

describe('driverSupportsCuda / cudaFamilyFloor / driverLoadsCuda', () => {
  it('uses the exact native table', () => {
    expect(driverSupportsCuda('546.33', '12.1', 'windows')).toBe(true);
    expect(driverSupportsCuda('546.33', '12.4', 'windows')).toBe(false);
    expect(driverSupportsCuda('546.33', '13.0', 'windows')).toBe(false);
    expect(driverSupportsCuda('472.12', '11.8', 'windows')).toBe(false);
    expect(driverSupportsCuda('580.65.06', '13.0', 'linux')).toBe(true);
  });
  it('knows the family floors', () => {
    expect(cudaFamilyFloor('11.8', 'windows')).toBe('452.39');
    expect(cudaFamilyFloor('11.8', 'linux')).toBe('450.80.02');
    expect(cudaFamilyFloor('12.8', 'windows')).toBe('527.41');
    expect(cudaFamilyFloor('12.1', 'linux')).toBe('525.60.13');
    expect(cudaFamilyFloor('13.0', 'linux')).toBe('580.65.06');
    expect(cudaFamilyFloor('13.0', 'windows')).toBe('580');
    // no minor-version compatibility before CUDA 11: the floor is the version's own minimum
    expect(cudaFamilyFloor('10.2', 'linux')).toBe('440.33');
    expect(cudaFamilyFloor('10.0', 'windows')).toBe('411.31');
    expect(cudaFamilyFloor('8.0', 'linux')).toBeNull();
  });
  it('tells native from minor-version compatibility from no', () => {
    expect(driverLoadsCuda('546.33', '12.1', 'windows')).toBe('native');
    expect(driverLoadsCuda('546.33', '12.8', 'windows')).toBe('minor-compat');
    expect(driverLoadsCuda('546.33', '13.0', 'windows')).toBe('no');
    expect(driverLoadsCuda('472.12', '11.8', 'windows')).toBe('minor-compat');
    expect(driverLoadsCuda('472.12', '12.1', 'windows')).toBe('no');
    expect(driverLoadsCuda('525.60.13', '12.4', 'linux')).toBe('minor-compat');
    expect(driverLoadsCuda('525.60.12', '12.0', 'linux')).toBe('no');
    // pre-11: native or nothing
    expect(driverLoadsCuda('441.22', '10.2', 'windows')).toBe('native');
    expect(driverLoadsCuda('431.60', '10.2', 'windows')).toBe('no');
    expect(driverLoadsCuda('431.60', '10.1', 'windows')).toBe('native');
    expect(driverLoadsCuda('472.12', '10.2', 'windows')).toBe('native');
  });
});
