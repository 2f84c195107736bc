import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTiff } from './open-tiff.ts';
import { openHttpSource } from './source-http.ts';

const FILE = '/work/shared/data/real/oscd/paris/A.tif';
const bytes = readFileSync(FILE);
let server: Server;
let base = '';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url !== '/a.tif') {
      res.writeHead(404).end();
      return;
    }
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (!m) {
      res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
      return;
    }
    const start = Number(m[1]);
    if (start >= bytes.length) {
      res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
      return;
    }
    const end = Math.min(Number(m[2]), bytes.length - 1);
    res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': end - start + 1 });
    res.end(bytes.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('openHttpSource', () => {
  it('reads byte ranges and knows the size', async () => {
    const src = await openHttpSource(`${base}/a.tif`);
    expect(src.size).toBe(bytes.length);
    const part = await src.read(100, 50);
    expect(Buffer.from(part).equals(bytes.subarray(100, 150))).toBe(true);
    expect((await src.read(bytes.length - 10, 100)).length).toBe(10);
  });

  it('reports a missing URL as FILE_NOT_FOUND', async () => {
    await expect(openHttpSource(`${base}/missing.tif`)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('serves openTiff windows identical to the file reader', async () => {
    requests = 0;
    const remote = await openTiff(`${base}/a.tif`);
    const local = await openTiff(FILE);
    expect(remote.info.grid).toEqual(local.info.grid);
    const win = { x: 100, y: 90, width: 200, height: 150 };
    const a = await remote.readWindow(win);
    const b = await local.readWindow(win);
    for (let i = 0; i < 4; i++) expect(a.bands[i]).toEqual(b.bands[i]);
    expect(requests).toBeLessThan(20);
    await remote.close();
    await local.close();
  });
});
