// The one downloader (torch wheels, NVIDIA installers and archives): resume, checksums, progress, cache.
export { download, localPath, type DownloadRequest, type DownloadResult, type DownloadProgress, type Expected } from './download.js';
export { headSize } from './head-size.js';
export { defaultDownloadCacheDir, downloadCacheSize, pruneDownloadCache } from './cache.js';
export { DownloadError, type DownloadErrorCode } from './errors.js';
export { downloadErrorMsg, downloadErrorText } from './error-text.js';
export { SpeedMeter } from './speed.js';
