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
 * input checked (its outcome; for a URL the validators and content hash of what was fetched, for a
 * local file its size, modification time and content hash) and a `page` line per further listing
 * page read (its links). A run resumed (`--resume`) goes on under the same id: what it finished is
 * not fetched again. A new run over the same journal asks the server with the validators (ETag /
 * Last-Modified) of the last fetch of each URL, and a body whose hash is unchanged is not checked
 * again. A local file is keyed by its absolute path; one whose size and modification time are the
 * ones kept is taken as it was without being read, one whose size is the same but whose time
 * differs (copied, touched, restored) is read and hashed, and taken when the hash is the one kept.
 *
 * A failure's reason is kept in both languages (`reasons`), so a run resumed in the other language
 * says it in that one. Lines written before that field existed have `reason` alone and are read as
 * they are; a reason known in one language only (a file checked in a worker thread, whose answer
 * is in the run's language) carries `lang`, and a file whose reason is not in the language asked
 * for is checked again (it costs a read, not a request).
 *
 * Each input line carries the rule set it was checked under (`ruleset`): a result from another
 * rule set is not taken over (a line without it, from an older journal, is).
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

/** What a local file was when it was checked: a quick test (size, modification time), then its SHA-256 (hex). */
export const FileMetaSchema = z.object({ size: z.number(), mtimeMs: z.number(), hash: z.string() });
export type FileMeta = z.infer<typeof FileMetaSchema>;

const WordsSchema = z.object({ zh: z.string(), en: z.string() });
export type Words = z.infer<typeof WordsSchema>;
type Lang = keyof Words;

/** One input's outcome as the CLI has it (before the cross-year comparison, which is redone). */
export const StoredOutcomeSchema = z.union([
  z.object({ ok: z.literal(true), result: CheckResultSchema }),
  z.object({
    ok: z.literal(false),
    /** the reason in the language of the run that wrote it (`lang` when known) */
    reason: z.string(),
    /** the reason in both languages (absent in older journals, and for a file checked in a worker) */
    reasons: z.optional(WordsSchema),
    /** the language of `reason`, when `reasons` is absent */
    lang: z.optional(z.enum(['zh', 'en'])),
    /** failed: could not be fetched or read (tried again on resume) */
    status: z.enum(['failed', 'no-report', 'pictures']),
    /** a 年报 column's listing: its links stand for it */
    listing: z.optional(z.object({ url: z.string(), links: ListingLinksSchema })),
  }),
]);
export type StoredOutcome = z.infer<typeof StoredOutcomeSchema>;

const RunLine = z.object({ t: z.literal('run'), v: z.literal(JOURNAL_VERSION), run: z.string(), at: z.string() });
const EndLine = z.object({ t: z.literal('end'), run: z.string(), at: z.string() });
const InputLine = z.object({
  t: z.literal('input'),
  run: z.string(),
  at: z.string(),
  /** a URL, or a local file's absolute path */
  input: z.string(),
  http: z.optional(HttpMetaSchema),
  file: z.optional(FileMetaSchema),
  /** the rule set the outcome was checked under (check/index.ts RULESET_VERSION) */
  ruleset: z.optional(z.string()),
  /** true: the outcome was taken over from an earlier line (a 304, an unchanged body or file), not checked again */
  kept: z.optional(z.boolean()),
  outcome: StoredOutcomeSchema,
});
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

/** A stored failure's reason in `lang`: from `reasons` when kept, else the one line there is. */
export function reasonIn(o: StoredOutcome & { ok: false }, lang: Lang): string {
  return o.reasons?.[lang] ?? o.reason;
}

/** Whether a stored outcome can be said in `lang` as it is (a result always can; a reason kept in one other language cannot). */
export function speaks(o: StoredOutcome, lang: Lang): boolean {
  return o.ok || o.reasons !== undefined || o.lang === undefined || o.lang === lang;
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
    /** the rule set this run checks with: outcomes from another are not taken over */
    private readonly ruleset: string,
  ) {}

  static async open(path: string, opts: { resume: boolean; ruleset: string }): Promise<RunStore> {
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
          : { zh: `${path}：接着上次中断的运行，已完成的 ${n} 个不再取回（本地文件改动过的除外）`, en: `${path}: resuming the interrupted run; ${n} finished input(s) are not fetched again (except local files changed since)` },
      );
    } else {
      run = randomUUID();
      if (opts.resume) notes.push({ zh: `${path}：没有可接着的运行，从头开始`, en: `${path}: no run to resume; starting afresh` });
      else if (last && !last.ended) notes.push({ zh: `${path}：上次运行未完成（加 --resume 可接着运行）；本次重新核对，未变化的网页不再下载`, en: `${path}: the last run did not finish (--resume goes on with it); this run checks again, unchanged pages are not downloaded` });
    }
    let otherRules = 0;
    for (const e of state.inputs.values()) if (isFinished(e.outcome) && e.ruleset !== undefined && e.ruleset !== opts.ruleset) otherRules += 1;
    if (otherRules > 0) notes.push({ zh: `${path}：${otherRules} 个结果是按另一版规则核对的，将重新核对`, en: `${path}: ${otherRules} result(s) were checked under another rule set; they are checked again` });
    const store = new RunStore(state, writer, run, resumed, notes, opts.ruleset);
    if (!resumed) await store.write({ t: 'run', v: JOURNAL_VERSION, run, at: new Date().toISOString() });
    return store;
  }

  private write(entry: JournalEntry): Promise<void> {
    this.state.add(entry);
    return this.writer.append(entry);
  }

  /** The input's last line, when its outcome is finished and was checked under this run's rule set. */
  private usable(input: string): InputEntry | null {
    const e = this.state.inputs.get(input);
    return e && isFinished(e.outcome) && (e.ruleset === undefined || e.ruleset === this.ruleset) ? e : null;
  }

  /** This run (resumed) already finished the input: its outcome, no request. */
  finished(input: string): StoredOutcome | null {
    if (!this.resumed) return null;
    const e = this.usable(input);
    return e && e.run === this.run ? e.outcome : null;
  }

  /** The last outcome for a URL that was fetched and finished, with what to revalidate it with. */
  previous(input: string): { outcome: StoredOutcome; http: HttpMeta } | null {
    const e = this.usable(input);
    return e?.http ? { outcome: e.outcome, http: e.http } : null;
  }

  /**
   * The last finished outcome for a local file (keyed by its absolute path), with what the file
   * was then; `sameRun`: this resumed run finished it.
   */
  previousFile(path: string): { outcome: StoredOutcome; file: FileMeta; sameRun: boolean } | null {
    const e = this.usable(path);
    return e?.file ? { outcome: e.outcome, file: e.file, sameRun: this.resumed && e.run === this.run } : null;
  }

  /** A listing page this run (resumed) read already; or, for a new run, the last read, to revalidate. */
  page(url: string): { entry: PageEntry; sameRun: boolean } | null {
    const e = this.state.pages.get(url);
    if (!e) return null;
    return { entry: e, sameRun: this.resumed && e.run === this.run };
  }

  /**
   * An input's outcome, as it arrives: `http` for a URL fetched, `file` for a local file read,
   * `kept` when the outcome was taken over from an earlier line rather than checked.
   */
  recordInput(input: string, outcome: StoredOutcome, meta: { http?: HttpMeta; file?: FileMeta; kept?: boolean } = {}): Promise<void> {
    const at = new Date().toISOString();
    return this.write({ t: 'input', run: this.run, at, input, ...meta, ruleset: this.ruleset, outcome });
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
