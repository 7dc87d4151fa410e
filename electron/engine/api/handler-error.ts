import type { ApiError } from '../../../shared/api/result.js';
import type { Msg } from '../../../shared/i18n/message.js';

/** An expected failure raised by a handler: it reaches the user as `{ ok: false, error }`, never as a crash. */
export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  readonly code: string;
  readonly fix: string | undefined;
  /** The message and fix as messages, so every host renders them in its own language (absent for raw text). */
  readonly messageMsg: Msg | undefined;
  readonly fixMsg: Msg | undefined;

  constructor(error: ApiError, options?: { cause?: unknown }) {
    super(error.message, options);
    this.code = error.code;
    this.fix = error.fix;
    this.messageMsg = error.messageMsg;
    this.fixMsg = error.fixMsg;
  }

  /** The data form sent across transports. */
  toApiError(): ApiError {
    return {
      code: this.code, message: this.message,
      ...(this.fix === undefined ? {} : { fix: this.fix }),
      ...(this.messageMsg === undefined ? {} : { messageMsg: this.messageMsg }),
      ...(this.fixMsg === undefined ? {} : { fixMsg: this.fixMsg }),
    };
  }
}
