/** Why a download failed; `code` picks the translated text (`download:error.<code>`), `params` fill it. */
export type DownloadErrorCode =
  | 'bad-url' // not http:, https: or file:, or unparsable
  | 'checksum-mismatch' // the bytes do not match the published digest (file deleted)
  | 'size-mismatch' // the server sent more or fewer bytes than the expected size
  | 'too-large' // over the size cap
  | 'http-status' // a status that is not 200/206 (404, 403, 500 after the retries)
  | 'too-many-redirects'
  | 'insecure-redirect' // https → http
  | 'network' // connection failures after the retries
  | 'timeout' // no data for too long, after the retries
  | 'not-found' // a local file that is not there
  | 'aborted';

/** A download's failure: a code for the text, the file and URL it concerns, and plain English. */
export class DownloadError extends Error {
  readonly code: DownloadErrorCode;
  readonly params: Record<string, string | number>;
  /** Whether retrying the same request may help (network drops, 5xx, timeouts). */
  readonly transient: boolean;

  constructor(code: DownloadErrorCode, message: string, params: Record<string, string | number> = {}, transient = false) {
    super(message);
    this.name = 'DownloadError';
    this.code = code;
    this.params = params;
    this.transient = transient;
  }
}

/** True when `e` is a failure a retry may cure: connection resets, timeouts, 5xx, 429. */
export function isTransient(e: unknown): boolean {
  if (e instanceof DownloadError) return e.transient;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET'].includes(code);
}
