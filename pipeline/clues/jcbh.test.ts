import { describe, expect, it } from 'vitest';
import { formatJcbh, normaliseDate, parseJcbh } from './jcbh.ts';

describe('JCBH', () => {
  it('formats county + year + 5-digit sequence and parses it back', () => {
    expect(formatJcbh('330106', 2024, 17)).toBe('330106202400017');
    expect(parseJcbh('330106202400017')).toEqual({ xzqdm: '330106', year: 2024, seq: 17 });
    expect(parseJcbh('33010620240001')).toBeNull();
  });
  it('rejects bad parts with InputError', () => {
    expect(() => formatJcbh('3301', 2024, 1)).toThrow(/XZQDM/);
    expect(() => formatJcbh('330106', 2024, 100000)).toThrow(/sequence/);
  });
  it('normalises dates', () => {
    expect(normaliseDate('20240630', 'HSX')).toBe('2024-06-30');
    expect(normaliseDate('2024-06-30T00:00:00Z', 'HSX')).toBe('2024-06-30');
    expect(normaliseDate(new Date(2024, 5, 30), 'HSX')).toBe('2024-06-30');
    expect(normaliseDate(undefined, 'HSX')).toBeNull();
    expect(() => normaliseDate('2024-02-30', 'HSX')).toThrow(/no such date/);
    expect(() => normaliseDate('June', 'QSX')).toThrow(/QSX/);
  });
});
