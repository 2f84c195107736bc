/**
 * The byte-source contract every TIFF reader goes through: files and HTTP(S) URLs implement it,
 * decorators (block cache) wrap it. Offsets and lengths are in bytes.
 */
export interface ByteSource {
  /** Path or URL, for error messages. */
  readonly name: string;
  /** File size in bytes (known once the source is open). */
  readonly size: number;
  /**
   * Reads `length` bytes at `offset`. Reads past the end return the bytes that exist (possibly
   * fewer than asked); callers that need exact lengths check `result.length`.
   */
  read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array>;
  close(): Promise<void>;
}
