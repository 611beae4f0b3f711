import { checkInput } from './main';
import type { FileTask, FileTaskOutcome } from './pool';

/**
 * One local file, checked in a worker process exactly as the main thread would check it (the CLI's
 * `checkInput`: size bounds, kind sniffing, the same readers). What comes back is the outcome as
 * one JSON string: it crosses the process pipe and the pool's message port as a string, which costs
 * the main thread one `JSON.parse` instead of decoding and re-cloning every object of the result.
 */
export async function checkFileTask(task: FileTask): Promise<string> {
  const o = await checkInput(task.input, { lang: task.lang, timeoutMs: task.timeoutMs }, { blockingReads: true });
  // a local file is never a listing (only a URL can be): nothing here holds a Document
  const out: FileTaskOutcome = o.ok
    ? { input: o.input, ok: true, result: o.result }
    : { input: o.input, ok: false, reason: o.reason, ...(o.reasons ? { reasons: o.reasons } : {}), ...(o.status ? { status: o.status } : {}) };
  return JSON.stringify(out);
}

export default checkFileTask;
