// Worker-thread entry: worker threads do not inherit tsx's loader, so register it, then run the handler.
import { register } from 'tsx/esm/api';
register();
await import('./unit-worker-main.ts');
