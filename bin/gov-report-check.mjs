#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so the bin and `npm run check` run the same source.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
