import type { ApiError } from '../../../shared/api/result.js';

/** An expected failure raised by a handler: it reaches the user as `{ ok: false, error }`, never as a crash. */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  readonly code: string;
  readonly fix: string | undefined;

  constructor(error: ApiError, options?: { cause?: unknown }) {
    super(error.message, options);
    this.code = error.code;
    this.fix = error.fix;
  }

  /** The data form sent across transports. */
  toApiError(): ApiError {
    return this.fix === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, fix: this.fix };
  }
}
