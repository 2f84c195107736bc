import type { FlowJob } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { QueueStage } from '../../pipeline/runs/run-params.ts';
import { buildFlow } from './flow.ts';

/** The chain as 'queue:jobId' from the top down (first child only), plus the leaf children count. */
function chain(job: FlowJob | undefined): string[] {
  const out: string[] = [];
  let j: FlowJob | undefined = job;
  while (j) {
    out.push(`${j.queueName}:${j.opts?.jobId}`);
    const kids: FlowJob[] = (j.children ?? []) as FlowJob[];
    if (kids.length > 1 || kids[0]?.queueName === 'detect' || kids[0]?.name === 'batch') {
      out.push(`${kids[0].name}×${kids.length}`);
      break;
    }
    j = kids[0];
  }
  return out;
}

describe('buildFlow', () => {
  const base = { runId: 'r1', gen: 3, prefix: 'p', unitBatches: [] as string[][], pendingBatches: [] };

  it('nests a new run with the last stage on top and cut at the bottom of merge', () => {
    const f = buildFlow({ ...base, done: new Set() });
    expect(chain(f)).toEqual(['evidence:r1.g3.evidence', 'clues:r1.g3.clues', 'overlay:r1.g3.overlay', 'merge:r1.g3.merge', 'cut:r1.g3.cut', 'pair:r1.g3.pair', 'catalogue:r1.g3.catalogue']);
    expect(f?.opts?.failParentOnFailure).toBe(true);
    expect(f?.opts?.attempts).toBeGreaterThan(1);
    expect(f?.opts?.backoff).toMatchObject({ type: 'exponential' });
    expect(f?.opts?.removeOnComplete).toBeTruthy();
    expect(f?.prefix).toBe('p');
  });

  it('puts the pending unit batches under merge once cut is done, ignoring their failures', () => {
    const done = new Set<QueueStage>(['catalogue', 'pair', 'cut']);
    const f = buildFlow({ ...base, done, unitBatches: [['pa.00001', 'pa.00002', 'pa.00005', 'pa.00006'], ['pa.00003']] });
    expect(chain(f)).toEqual(['evidence:r1.g3.evidence', 'clues:r1.g3.clues', 'overlay:r1.g3.overlay', 'merge:r1.g3.merge', 'units×2']);
    const merge = ((f!.children![0] as FlowJob).children![0] as FlowJob).children![0] as FlowJob;
    const batch = merge.children![0] as FlowJob;
    expect(batch.opts).toMatchObject({ jobId: 'r1.g3.u.pa.00001', ignoreDependencyOnFailure: true });
    expect(batch.opts?.failParentOnFailure).toBeUndefined();
    expect(batch.data).toEqual({ runId: 'r1', gen: 3, unitIds: ['pa.00001', 'pa.00002', 'pa.00005', 'pa.00006'] });
  });

  it('leaves done stages out and returns nothing when all are done', () => {
    expect(chain(buildFlow({ ...base, done: new Set<QueueStage>(['catalogue', 'pair', 'cut', 'detect', 'merge']) }))).toEqual(['evidence:r1.g3.evidence', 'clues:r1.g3.clues', 'overlay:r1.g3.overlay']);
    expect(buildFlow({ ...base, done: new Set<QueueStage>(['catalogue', 'pair', 'cut', 'detect', 'merge', 'overlay', 'clues', 'evidence']) })).toBeUndefined();
  });

  it('puts the pending evidence batches under the evidence job once clues is done, ignoring their failures', () => {
    const done = new Set<QueueStage>(['catalogue', 'pair', 'cut', 'detect', 'merge', 'overlay', 'clues']);
    const pendingBatches = [
      { runId: 'r1', from: '330106202500001', to: '330106202500032' },
      { runId: 'r1', from: '330106202500033', to: '330106202500040' },
    ];
    const f = buildFlow({ ...base, done, pendingBatches });
    expect(chain(f)).toEqual(['evidence:r1.g3.evidence', 'batch×2']);
    const batch = f!.children![1] as FlowJob;
    expect(batch.opts).toMatchObject({ jobId: 'r1.g3.e.330106202500033', ignoreDependencyOnFailure: true });
    expect(batch.data).toEqual({ runId: 'r1', gen: 3, from: '330106202500033', to: '330106202500040' });
    // No clues: the evidence job alone (it queues the records).
    expect(chain(buildFlow({ ...base, done }))).toEqual(['evidence:r1.g3.evidence']);
  });

  it('never uses a colon in a job id', () => {
    const f = buildFlow({ ...base, done: new Set<QueueStage>(['catalogue', 'pair', 'cut']), unitBatches: [['p1-2.00000']] });
    expect(JSON.stringify(f)).not.toMatch(/"jobId":"[^"]*:/);
  });
});
