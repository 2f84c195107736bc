#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx landwatch` works right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';
register();
await import('../workers/cli/main.ts');
