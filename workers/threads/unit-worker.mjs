// Worker-thread entry: registers the TypeScript loader, then runs the unit handler.
import { register } from 'tsx/esm/api';
register();
await import('./unit-worker-main.ts');
