/**
 * Inside a worker thread: opens a pair, then runs detection units as the pool sends them, until the
 * pool sends the next pair.
 * Pixel work runs here so the main thread (and its queue locks and progress) stays responsive.
 */
import { parentPort } from 'node:worker_threads';
import type { SceneModel } from '../../geo/detect/scene-model.ts';
import { openPair, type ImagePair } from '../../geo/raster/open-pair.ts';
import type { HaloWindow } from '../../geo/types.ts';
import { detectUnit } from '../../pipeline/detect/detect-unit.ts';
import { InputError } from '../../pipeline/errors.ts';
import type { PoolRequest, PoolResponse } from './unit-protocol.ts';

const port = parentPort;
if (!port) throw new Error('unit-worker-main must run in a worker thread');

let pair: ImagePair | undefined;
let model: SceneModel | undefined;
let pictureCell: number | undefined;

port.on('message', async (msg: PoolRequest) => {
  const reply = (r: PoolResponse) => port.postMessage(r);
  try {
    if (msg.type === 'init') {
      // A pool's next pair: its model follows this message (set while the pair opens).
      const previous = pair;
      pair = undefined;
      model = undefined;
      await previous?.close();
      // Units run one at a time and each is vectorised before the next is read.
      pictureCell = msg.pictureCell;
      pair = await openPair(msg.beforePath, msg.afterPath, { bands: msg.bands, masks: msg.masks, cacheBytes: msg.cacheBytes, reuseWindows: true });
      reply({ type: 'ready' });
    } else if (msg.type === 'model') {
      model = msg.model;
    } else if (msg.type === 'unit') {
      if (!pair || !model) throw new Error('unit before init');
      const { pieces, maskedPixels, picture } = await detectUnit(pair, msg.win as HaloWindow, model, undefined, pictureCell);
      reply({ type: 'result', id: msg.id, pieces, maskedPixels, picture });
    } else if (msg.type === 'close') {
      await pair?.close();
      port.close();
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply({
      type: 'error',
      id: msg.type === 'unit' ? msg.id : -1,
      error: { name: e.name, message: e.message, code: err instanceof InputError ? err.code : undefined },
    });
  }
});
