import { describe, expect, it } from 'vitest';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import type { Grid } from '../../geo/types.ts';
import type { RunStatus } from '../runs/run-status.ts';
import { summaryMarkdown, type SummaryPair } from './summary-markdown.ts';

const status = { run: { id: 'r1', status: 'finished', region: null }, failedUnits: [], problems: [] } as unknown as RunStatus;
const grid = { width: 2048, height: 1024 } as Grid;
const model = (shift?: [number, number]) => ({ threshold: 12, ...(shift ? { shift } : {}) }) as unknown as SceneModel;

describe('summaryMarkdown', () => {
  it('lists each image pair with the misregistration corrected in it and whose scene model it used', () => {
    const pairs: SummaryPair[] = [
      { pair_id: 'p1-2', before_path: '/data/2025/A.tif', after_path: '/data/2026/B.tif', grid, model: model([-0.62, 1.28]), shared_model: true },
      { pair_id: 'p3-4', before_path: 'C.tif', after_path: 'D|E.tif', grid, model: model(), shared_model: false },
      { pair_id: 'p5-6', before_path: 'F.tif', after_path: 'G.tif', grid: null, model: null, shared_model: null },
    ];
    const md = summaryMarkdown(status, [], pairs);
    expect(md).toContain('## Image pairs (3)');
    expect(md).toContain('| p1-2 | A.tif → B.tif | 2048 × 1024 | -0.62, 1.28 | shared with the imagery |');
    expect(md).toContain('| p3-4 | C.tif → D\\|E.tif | 2048 × 1024 | none | own |');
    expect(md).toContain('| p5-6 | F.tif → G.tif | not cut | — | — |');
  });

  it('has no pairs section for a run without pairs', () => {
    expect(summaryMarkdown(status, [], [])).not.toContain('Image pairs');
  });
});
