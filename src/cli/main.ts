import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { checkDocument, checkText, type PipelineOutcome } from '../pipeline';
import { renderSummary, type Lang } from '../present/summary';
import { toJson } from '../present/json';
import type { CheckResultJson } from '../model/result';
import { decodeBytes } from './decode';
import { recordOf, type YearRecord } from '../model/history';
import { withLastYear } from '../check/cross-year';

const USAGE = `用法 / usage: npm run check -- [--json] [--lang zh|en] FILE...

  FILE       .html / .htm 网页或 .txt 文本（从 Word/PDF 复制的年报文字）
  --json     输出 JSON 结果（多个文件时为数组），结构见 src/model/result.schema.json
  --lang en  English output

退出码 / exit code: 0 无错误 no error · 1 有错误 errors found · 2 无法读取或不含年报 unreadable or no report`;

interface Args {
  files: string[];
  json: boolean;
  lang: Lang;
  help: boolean;
}

export function parseArgs(argv: string[]): Args | string {
  const args: Args = { files: [], json: false, lang: 'zh', help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--lang') {
      const v = argv[++i];
      if (v !== 'zh' && v !== 'en') return `--lang takes zh or en`;
      args.lang = v;
    } else if (a.startsWith('--lang=')) {
      const v = a.slice(7);
      if (v !== 'zh' && v !== 'en') return `--lang takes zh or en`;
      args.lang = v;
    } else if (a.startsWith('-') && a !== '-') return `unknown option ${a}`;
    else args.files.push(a);
  }
  return args;
}

type FileOutcome = { file: string } & ({ ok: true; result: CheckResultJson } | { ok: false; reason: string });

/** Read and check one file. Never throws: any failure is a one-line reason. */
export function checkFile(file: string, lang: Lang): FileOutcome {
  if (/^https?:\/\//i.test(file)) {
    return { file, ok: false, reason: lang === 'zh' ? '暂不支持网址，请先保存网页为 .html 文件' : 'URLs are not supported yet; save the page as .html first' };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why = code === 'ENOENT' ? (lang === 'zh' ? '文件不存在' : 'no such file') : code === 'EISDIR' ? (lang === 'zh' ? '这是一个目录' : 'is a directory') : code || String(e);
    return { file, ok: false, reason: why };
  }
  const ext = extname(file).toLowerCase();
  if (['.doc', '.wps', '.docx', '.pdf', '.xls', '.xlsx'].includes(ext)) {
    return { file, ok: false, reason: lang === 'zh' ? `暂不支持 ${ext} 文件，请另存为网页或复制文字为 .txt` : `${ext} files are not supported yet; save as a web page or copy the text into a .txt` };
  }
  try {
    const text = decodeBytes(bytes, ext);
    const isHtml = ext === '.html' || ext === '.htm' || (ext !== '.txt' && /^\s*<(?:!doctype|html|head|body|table|div|p)\b/i.test(text));
    let outcome: PipelineOutcome;
    if (isHtml) {
      const { document } = parseHTML(text);
      outcome = checkDocument(document as unknown as Document, { kind: 'file', location: file, format: 'html' });
    } else {
      outcome = checkText(text, { kind: 'file', location: file, format: 'text' });
    }
    return outcome.ok ? { file, ok: true, result: outcome.result } : { file, ok: false, reason: outcome.reason[lang] };
  } catch (e) {
    return { file, ok: false, reason: (lang === 'zh' ? '读取失败：' : 'could not be read: ') + String(e).split('\n')[0] };
  }
}

/**
 * Reports of the same body for consecutive years given in one run are compared: this year's row 二
 * against last year's row 四, and 现行有效 against last year's.
 */
function acrossYears(outcomes: FileOutcome[]): FileOutcome[] {
  const now = new Date();
  const records: YearRecord[] = [];
  for (const o of outcomes) {
    if (!o.ok) continue;
    const rec = recordOf(o.result.report, o.file, now);
    if (rec) records.push(rec);
  }
  return outcomes.map((o) => {
    if (!o.ok) return o;
    const rec = recordOf(o.result.report, o.file, now);
    const last = rec ? records.find((r) => r.bodyKey === rec.bodyKey && r.year === rec.year - 1) : undefined;
    return last ? { ...o, result: withLastYear(o.result, last) } : o;
  });
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    err(`${args}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || args.files.length === 0) {
    (args.help ? out : err)(USAGE);
    return args.help ? 0 : 2;
  }
  const outcomes = acrossYears(args.files.map((f) => checkFile(f, args.lang)));
  const ok = outcomes.filter((o): o is FileOutcome & { ok: true } => o.ok);
  for (const o of outcomes) if (!o.ok) err(`${o.file}: ${o.reason}`);
  if (args.json) {
    const results = ok.map((o) => o.result);
    if (results.length > 0 || args.files.length > 1) out(toJson(args.files.length > 1 ? results : (results[0] ?? results)));
  } else {
    out(ok.map((o) => renderSummary(o.result, args.lang)).join('\n\n' + '─'.repeat(40) + '\n\n'));
  }
  if (ok.length < outcomes.length) return 2;
  return ok.some((o) => o.result.summary.errors > 0) ? 1 : 0;
}

// Run when executed directly (npm run check, bin/), not when imported by tests.
const self = process.argv[1] ?? '';
if (/cli[\\/]main\.ts$/.test(self) || /gov-report-check(\.mjs)?$/.test(self)) {
  // `… | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
  } catch (e) {
    process.stderr.write(`internal error: ${String(e).split('\n')[0]}\n`);
    process.exitCode = 2;
  }
}
