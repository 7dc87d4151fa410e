// Driver version and maximum CUDA version, wherever nvidia-smi prints them (table header, -q, XML, new KMD/UMD names).

/** Driver and maximum CUDA (driver API) version found in the text, with the lines they came from. */
export interface SmiVersions {
  driverVersion: string | null;
  maxCudaVersion: string | null;
  evidence: string[];
}

const VERSION = String.raw`(\d+\.\d+(?:\.\d+)?)`;
// "Driver Version: 550.40.07" (table), "Driver Version : 450.66" (-q), "KMD Version: 610.43.02" (newest drivers).
const DRIVER = new RegExp(String.raw`\b(?:Driver|KMD)\s+Version\s*:\s*${VERSION}`);
// "CUDA Version: 12.4", "CUDA UMD Version: 13.3", and "CUDA UMD 13.3" written in prose.
const CUDA = /\bCUDA\s+(?:(?:UMD\s+)?Version\s*:|UMD(?:\s*:)?)\s*(\d+\.\d+)/;
const XML_DRIVER = new RegExp(String.raw`<(?:driver_version|kmd_version)>\s*${VERSION}\s*<`);
const XML_CUDA = /<(?:cuda_version|cuda_umd_version)>\s*(\d+\.\d+)\s*</;
// "| NVIDIA-SMI 560.94 " when the header line is cut before "Driver Version".
const SMI_BANNER = new RegExp(String.raw`\bNVIDIA-SMI\s+${VERSION}`);

/** Scans cleaned lines for the driver version and the maximum CUDA version the driver supports. */
export function parseSmiVersions(lines: readonly string[]): SmiVersions {
  let driverVersion: string | null = null;
  let maxCudaVersion: string | null = null;
  let bannerVersion: string | null = null;
  const evidence: string[] = [];
  for (const line of lines) {
    const driver = DRIVER.exec(line)?.[1] ?? XML_DRIVER.exec(line)?.[1];
    const cuda = CUDA.exec(line)?.[1] ?? XML_CUDA.exec(line)?.[1];
    const banner = SMI_BANNER.exec(line)?.[1];
    let used = false;
    if (driver !== undefined && driverVersion === null) [driverVersion, used] = [driver, true];
    if (cuda !== undefined && maxCudaVersion === null) [maxCudaVersion, used] = [cuda, true];
    if (banner !== undefined && bannerVersion === null) [bannerVersion, used] = [banner, true];
    if (used) evidence.push(line.trim());
  }
  return { driverVersion: driverVersion ?? bannerVersion, maxCudaVersion, evidence };
}
