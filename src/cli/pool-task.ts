import { checkInput } from './main';
import type { FileTask, FileTaskOutcome } from './pool';

/**
 * One local file, checked in a worker thread exactly as the main thread would check it (the CLI's
 * `checkInput`: size bounds, kind sniffing, the same readers). What comes back is plain data.
 */
export async function checkFileTask(task: FileTask): Promise<FileTaskOutcome> {
  const o = await checkInput(task.input, { lang: task.lang, timeoutMs: task.timeoutMs });
  // a local file is never a listing (only a URL can be): nothing here holds a Document
  if (o.ok) return { input: o.input, ok: true, result: o.result };
  return { input: o.input, ok: false, reason: o.reason, ...(o.status ? { status: o.status } : {}) };
}
