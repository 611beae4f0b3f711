// The worker thread's entry for src/cli/pool.ts: the checker is TypeScript run through tsx (as
// bin/gov-report-check.mjs does), so a worker loads the same source whatever started the pool.
import { register } from 'tsx/esm/api';

register();
const { checkFileTask } = await import('./pool-task.ts');

export default checkFileTask;
