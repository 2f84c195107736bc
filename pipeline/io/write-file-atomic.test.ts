import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from './write-file-atomic.ts';

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

describe('writeFileAtomicSync', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-atomic-'));
    const path = join(dir, 'c.txt');
    writeFileAtomicSync(path, 'one');
    writeFileAtomicSync(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['c.txt']);
  });
});
