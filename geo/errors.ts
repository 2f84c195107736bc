/**
 * (Defined in geo/ so the pure code can throw them too; pipeline/errors.ts re-exports them.)
 * The named errors. Each class is one decision the executor takes: InputError is never retried
 * (bad file, field or value), TransientError is retried with backoff. Branch on the class or on
 * `code`, never on the message text.
 */
export type InputErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'TIFF_CORRUPT'
  | 'TIFF_UNSUPPORTED'
  | 'NO_GEOREFERENCE'
  | 'CRS_UNKNOWN'
  | 'BAND_MISMATCH'
  | 'NO_OVERLAP'
  | 'BAD_OPTION'
  | 'LAYER_INVALID'
  | 'FIELD_MISSING'
  | 'RUN_NOT_FOUND'
  | 'OUTPUT_UNWRITABLE'
  | 'RECORD_INVALID';

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type TransientErrorCode = 'DB_UNAVAILABLE' | 'QUEUE_UNAVAILABLE' | 'HTTP_FAILED' | 'IO_FAILED';

export class TransientError extends Error {
  override readonly name = 'TransientError';
  constructor(
    readonly code: TransientErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One line for a person: the message of an InputError, or the error's name and message. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? (err instanceof InputError ? err.message : `${err.name}: ${err.message}`) : String(err);
  return text.replace(/\s+/g, ' ').trim();
}
