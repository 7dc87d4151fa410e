import { z } from 'zod';
import { Msg } from '../i18n/message.js';

/** An expected failure, sent across every transport as data: what went wrong and what to do. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  fix: z.string().optional(),
  /** The message and fix as messages (shared/i18n/message.ts), rendered in the language on screen where present. */
  messageMsg: Msg.optional(),
  fixMsg: Msg.optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Every call answers with this envelope, so a renderer never has to parse a thrown error. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** Wraps an expected failure. */
export const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });
