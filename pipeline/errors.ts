export { InputError, TransientError, oneLine } from '../geo/errors.ts';
export type { InputErrorCode, TransientErrorCode } from '../geo/errors.ts';
