import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.ts';
import { assertWritable, writeFileAtomic } from './write-file-atomic.ts';

describe('writeFileAtomic', () => {
  it('writes the whole file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-atomic-'));
    const path = join(dir, 'a.txt');
    await writeFileAtomic(path, async (append) => {
      await append('hello ');
      await append(new TextEncoder().encode('world'));
    });
    expect(readFileSync(path, 'utf8')).toBe('hello world');
  });
  it('leaves nothing behind when the writer fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-atomic-'));
    await expect(
      writeFileAtomic(join(dir, 'b.txt'), async (append) => {
        await append('partial');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('assertWritable', () => {
  it('names a missing folder', () => {
    expect(() => assertWritable('/nonexistent-lw/x.geojson')).toThrow(InputError);
    expect(() => assertWritable('/nonexistent-lw/x.geojson')).toThrow(/does not exist/);
  });
  it('accepts a path in an existing folder', () => {
    expect(() => assertWritable(join(tmpdir(), 'x.geojson'))).not.toThrow();
  });
});
