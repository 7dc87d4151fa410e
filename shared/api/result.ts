import { z } from 'zod';

/** An expected failure, sent across every transport as data: what went wrong and what to do. */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  fix: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** Every call answers with this envelope, so a renderer never has to parse a thrown error. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });

/** Wraps an expected failure. */
export const fail = (error: ApiError): ApiResult<never> => ({ ok: false, error });
