// The worker's entry for src/cli/pool.ts when the bundle (pool-bundle.ts) could not be built: the
// checker's TypeScript run through tsx, as bin/gov-report-check.mjs runs it. Slower to start.
import { register } from 'tsx/esm/api';

register();
const { checkFileTask } = await import('./pool-task.ts');

export default checkFileTask;
