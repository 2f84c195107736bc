#!/bin/sh
":" //; exec node --initial-old-space-size=128 "$0" "$@"
// Started as a program (npm's bin link, PATH), the lines above are a shell script that runs node with
// workers/heap-flags.ts's V8 flag, which NODE_OPTIONS refuses and a running node ignores (`env -S`
// in the shebang would do it too, but busybox's env, as in Alpine images, has no -S); to node they
// are a string and a comment. Then the TypeScript CLI runs through tsx, so `npx landwatch` works
// right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';
register();
await import('../workers/cli/main.ts');
