import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, truncate, type FileHandle } from 'node:fs/promises';
import * as z from 'zod/mini';
import { CheckResultSchema } from '../model/result';

/**
 * The CLI's run store (issue 19, item 4): an append-only journal, one JSON object a line (JSON
 * Lines), written as results arrive, so a run that is stopped — killed, Ctrl+C, a lost
 * connection — loses nothing it finished. Read back line by line, each line validated with zod;
 * a line that does not validate is skipped and counted, and a torn last line (the process died
 * mid-write) is cut off before anything is appended after it.
 *
 * A journal holds runs: `run` starts one, `end` closes it, and between them an `input` line per
 * input checked (its outcome, and for a URL the validators and content hash of what was fetched)
 * and a `page` line per further listing page read (its links). A run resumed (`--resume`) goes on
 * under the same id: what it finished is not fetched again. A new run over the same journal asks
 * the server with the validators (ETag / Last-Modified) of the last fetch of each URL, and a body
 * whose hash is unchanged is not checked again.
 *
 * Node only (the CLI): the extension never imports this file.
 */

export const JOURNAL_VERSION = 1;
/** a longer line is not read (skipped, counted): a line is one report's result, far smaller */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** What a fetch said about the version it got (the URL after redirects, its validators), and the SHA-256 of the body (hex). */
export const HttpMetaSchema = z.object({ finalUrl: z.string(), etag: z.nullable(z.string()), lastModified: z.nullable(z.string()), hash: z.string() });
export type HttpMeta = z.infer<typeof HttpMetaSchema>;

const FoundReportSchema = z.object({
  url: z.string(),
  title: z.string(),
  year: z.nullable(z.number()),
  kind: z.enum(['page', 'pdf', 'docx', 'doc']),
});
export const ListingLinksSchema = z.object({ reports: z.array(FoundReportSchema), pages: z.array(z.string()) });

/** One input's outcome as the CLI has it (before the cross-year comparison, which is redone). */
export const StoredOutcomeSchema = z.union([
  z.object({ ok: z.literal(true), result: CheckResultSchema }),
  z.object({
    ok: z.literal(false),
    reason: z.string(),
    /** failed: could not be fetched or read (tried again on resume) */
    status: z.enum(['failed', 'no-report', 'pictures']),
    /** a 年报 column's listing: its links stand for it */
    listing: z.optional(z.object({ url: z.string(), links: ListingLinksSchema })),
  }),
]);
export type StoredOutcome = z.infer<typeof StoredOutcomeSchema>;

const RunLine = z.object({ t: z.literal('run'), v: z.literal(JOURNAL_VERSION), run: z.string(), at: z.string() });
const EndLine = z.object({ t: z.literal('end'), run: z.string(), at: z.string() });
const InputLine = z.object({ t: z.literal('input'), run: z.string(), at: z.string(), input: z.string(), http: z.optional(HttpMetaSchema), outcome: StoredOutcomeSchema });
const PageLine = z.object({ t: z.literal('page'), run: z.string(), at: z.string(), url: z.string(), http: HttpMetaSchema, links: ListingLinksSchema });
export const JournalEntrySchema = z.discriminatedUnion('t', [RunLine, EndLine, InputLine, PageLine]);
export type JournalEntry = z.infer<typeof JournalEntrySchema>;
export type InputEntry = z.infer<typeof InputLine>;
export type PageEntry = z.infer<typeof PageLine>;

/** SHA-256 of a body, hex: an unchanged body is not checked again. */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A stored outcome is finished unless it failed (a failure is tried again). */
export function isFinished(o: StoredOutcome): boolean {
  return o.ok || o.status !== 'failed';
}

/** What a journal's lines say, folded: the last run, and the latest line per input and per page. */
export class JournalState {
  lastRun: { id: string; ended: boolean } | null = null;
  readonly inputs = new Map<string, InputEntry>();
  readonly pages = new Map<string, PageEntry>();
  /** lines that were not valid JSON or not a valid entry */
  skipped = 0;
  /** complete lines read */
  lines = 0;

  /** One line of the journal (without its newline). Never throws. */
  addLine(line: string): void {
    if (line.trim() === '') return;
    this.lines += 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.skipped += 1;
      return;
    }
    const parsed = JournalEntrySchema.safeParse(json);
    if (!parsed.success) {
      this.skipped += 1;
      return;
    }
    this.add(parsed.data);
  }

  add(e: JournalEntry): void {
    if (e.t === 'run') this.lastRun = { id: e.run, ended: false };
    else if (e.t === 'end') {
      if (this.lastRun?.id === e.run) this.lastRun = { id: e.run, ended: true };
    } else if (e.t === 'input') this.inputs.set(e.input, e);
    else this.pages.set(e.url, e);
  }

  /** The inputs run `run` finished (a failure is not finished): the resume set. */
  finishedIn(run: string): Set<string> {
    const out = new Set<string>();
    for (const [input, e] of this.inputs) if (e.run === run && isFinished(e.outcome)) out.add(input);
    return out;
  }
}

/** Every line of a journal's text; a last line without its newline is torn and left out. */
export function parseJournal(text: string): { state: JournalState; torn: boolean } {
  const state = new JournalState();
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  for (const line of parts) state.addLine(line);
  return { state, torn: tail !== '' };
}

/**
 * Read a journal file, streaming (it may hold thousands of results). A torn last line is cut off
 * the file, so the next line appended starts clean. A missing file is an empty journal.
 */
export async function loadJournal(path: string): Promise<{ state: JournalState; torn: boolean }> {
  const state = new JournalState();
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  let offset = 0;
  let lastNewlineEnd = 0;
  const decoder = new TextDecoder();
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl < 0) break;
        const piece = chunk.subarray(start, nl);
        if (overlong || pendingBytes + piece.byteLength > MAX_LINE_BYTES) state.addLine('\u0000'); // counted as skipped
        else state.addLine(decoder.decode(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece));
        pending = [];
        pendingBytes = 0;
        overlong = false;
        lastNewlineEnd = offset + nl + 1;
        start = nl + 1;
      }
      const rest = chunk.subarray(start);
      if (rest.byteLength > 0) {
        if (overlong || pendingBytes + rest.byteLength > MAX_LINE_BYTES) {
          overlong = true;
          pending = [];
          pendingBytes = 0;
        } else {
          pending.push(Buffer.from(rest));
          pendingBytes += rest.byteLength;
        }
      }
      offset += chunk.byteLength;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state, torn: false };
    throw e;
  }
  const torn = offset > lastNewlineEnd;
  if (torn) await truncate(path, lastNewlineEnd);
  return { state, torn };
}

/** Appends entries, one line each, in the order given; each line in one write. */
export class JournalWriter {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string): Promise<JournalWriter> {
    return new JournalWriter(await open(path, 'a'));
  }

  append(entry: JournalEntry): Promise<void> {
    const line = JSON.stringify(entry) + '\n';
    this.chain = this.chain.then(async () => {
      if (this.failure !== null) return;
      try {
        await this.handle.appendFile(line, 'utf8');
      } catch (e) {
        this.failure = e;
      }
    });
    return this.chain;
  }

  /** the first write error, if any (a full disk): the run goes on, the caller says so */
  get error(): unknown {
    return this.failure;
  }

  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}

export type Words = { zh: string; en: string };

/**
 * The journal as one run uses it: what to take without a request (resumed), the validators and
 * hash to revalidate with (an earlier run), and the lines to write as results arrive.
 */
export class RunStore {
  private constructor(
    private readonly state: JournalState,
    private readonly writer: JournalWriter,
    readonly run: string,
    /** the run goes on from an earlier one: what it finished is taken as it is */
    readonly resumed: boolean,
    readonly notes: Words[],
  ) {}

  static async open(path: string, opts: { resume: boolean }): Promise<RunStore> {
    const { state, torn } = await loadJournal(path);
    const writer = await JournalWriter.open(path);
    const notes: Words[] = [];
    if (torn) notes.push({ zh: `${path}：最后一行不完整（上次运行中途停止），已去掉`, en: `${path}: its last line was torn (the last run stopped mid-write); cut off` });
    if (state.skipped > 0) notes.push({ zh: `${path}：${state.skipped} 行无法读取，已跳过`, en: `${path}: ${state.skipped} line(s) could not be read; skipped` });
    const last = state.lastRun;
    let run: string;
    let resumed = false;
    if (opts.resume && last) {
      run = last.id;
      resumed = true;
      const n = state.finishedIn(run).size;
      notes.push(
        last.ended
          ? { zh: `${path}：上次运行已完成，沿用其中 ${n} 个结果，不再取回`, en: `${path}: the last run had finished; its ${n} result(s) are taken as they are` }
          : { zh: `${path}：接着上次中断的运行，已完成的 ${n} 个不再取回`, en: `${path}: resuming the interrupted run; ${n} finished input(s) are not fetched again` },
      );
    } else {
      run = randomUUID();
      if (opts.resume) notes.push({ zh: `${path}：没有可接着的运行，从头开始`, en: `${path}: no run to resume; starting afresh` });
      else if (last && !last.ended) notes.push({ zh: `${path}：上次运行未完成（加 --resume 可接着运行）；本次重新核对，未变化的网页不再下载`, en: `${path}: the last run did not finish (--resume goes on with it); this run checks again, unchanged pages are not downloaded` });
    }
    const store = new RunStore(state, writer, run, resumed, notes);
    if (!resumed) await store.write({ t: 'run', v: JOURNAL_VERSION, run, at: new Date().toISOString() });
    return store;
  }

  private write(entry: JournalEntry): Promise<void> {
    this.state.add(entry);
    return this.writer.append(entry);
  }

  /** This run (resumed) already finished the input: its outcome, no request. */
  finished(input: string): StoredOutcome | null {
    if (!this.resumed) return null;
    const e = this.state.inputs.get(input);
    return e && e.run === this.run && isFinished(e.outcome) ? e.outcome : null;
  }

  /** The last outcome for a URL that was fetched and finished, with what to revalidate it with. */
  previous(input: string): { outcome: StoredOutcome; http: HttpMeta } | null {
    const e = this.state.inputs.get(input);
    return e?.http && isFinished(e.outcome) ? { outcome: e.outcome, http: e.http } : null;
  }

  /** A listing page this run (resumed) read already; or, for a new run, the last read, to revalidate. */
  page(url: string): { entry: PageEntry; sameRun: boolean } | null {
    const e = this.state.pages.get(url);
    if (!e) return null;
    return { entry: e, sameRun: this.resumed && e.run === this.run };
  }

  recordInput(input: string, outcome: StoredOutcome, http?: HttpMeta): Promise<void> {
    const at = new Date().toISOString();
    return this.write(http ? { t: 'input', run: this.run, at, input, http, outcome } : { t: 'input', run: this.run, at, input, outcome });
  }

  recordPage(url: string, http: HttpMeta, links: PageEntry['links']): Promise<void> {
    return this.write({ t: 'page', run: this.run, at: new Date().toISOString(), url, http, links });
  }

  get writeError(): unknown {
    return this.writer.error;
  }

  /** The run finished: an `end` line, and the file closed. */
  async end(): Promise<void> {
    await this.write({ t: 'end', run: this.run, at: new Date().toISOString() });
    await this.writer.close();
  }

  /** Stopped early (an unwritable output): the file closed, the run left open for --resume. */
  async close(): Promise<void> {
    await this.writer.close();
  }
}
