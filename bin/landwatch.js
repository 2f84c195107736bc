#!/usr/bin/env -S node --initial-old-space-size=128
// Runs the TypeScript CLI through tsx so `npx landwatch` works right after `npm ci`, with no build step.
// The V8 flag is workers/heap-flags.ts's (it cannot be set once running, nor in NODE_OPTIONS).
import { register } from 'tsx/esm/api';
register();
await import('../workers/cli/main.ts');
