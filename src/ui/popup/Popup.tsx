import { verdictLine } from '../../output/verdict';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CheckResultSchema, type CheckResultJson } from '../../model/result';
import { ResultReplySchema, type ToTab } from '../../messaging/to-page';
import { WORDS, type Lang } from '../i18n';
import { copyText } from '../clipboard';
import { toJson } from '../../output/json';
import { TEMPLATES } from '../../recognise/templates';
import type { CopyState } from '../sidebar/Sidebar';
import { POPUP_CSS } from './styles';
import { checkText } from '../../pipeline';
import type { CheckTabRequest } from '../../messaging/to-background';
import type { LangChoice } from '../../store/settings';
import { LangSwitch } from '../lang-switch';
import { draftWriter, loadDraft } from '../../store/drafts';
import { keptInput } from '../kept-input';

/** The pasted text is kept as it is typed: the popup closes at the first click outside it. */
const keepPasted = draftWriter('popup-text');

type View =
  | { kind: 'loading' }
  | { kind: 'result'; result: CheckResultJson; tsv: string }
  | { kind: 'none'; message: string };

/**
 * The toolbar popup: the same summary as the sidebar and its buttons. Opening it is the user's
 * request to check the page: activeTab lets it inject the checker into any page, not only gov.cn.
 */
export function Popup(props: { lang: Lang; choice?: LangChoice }) {
  const w = WORDS[props.lang];
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [copy, setCopy] = useState<CopyState | null>(null);
  const [tabId, setTabId] = useState<number | null>(null);
  const [pasted, setPasted] = useState('');
  const [pastedView, setPastedView] = useState<View | null>(null);
  // A report's text pasted here is checked in the popup itself (files go to the batch page:
  // Chrome closes a popup when a file chooser takes the focus).
  const checkPasted = (): void => {
    const out = checkText(pasted, { kind: 'text', location: null, format: 'text' });
    setPastedView(out.ok ? { kind: 'result', result: out.result, tsv: '' } : { kind: 'none', message: out.reason[props.lang] });
  };

  useEffect(() => {
    // what was pasted before the popup last closed (never over what is typed meanwhile)
    void loadDraft('popup-text').then((kept) => kept && setPasted((now) => (now === '' ? kept : now)));
    // the popup is closing: the last keystrokes go now, not after the write under way
    const flush = (): void => keepPasted.flush();
    addEventListener('pagehide', flush);
    return () => removeEventListener('pagehide', flush);
  }, []);

  useEffect(() => {
    void (async () => {
      // `popup.html?tab=N` shows tab N (the browser tests open the popup that way); otherwise the active tab.
      const asked = Number(new URLSearchParams(location.search).get('tab'));
      const id = Number.isInteger(asked) && asked > 0 ? asked : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return setView({ kind: 'none', message: w.noReport });
      setTabId(id);
      // the page's checker answers when it ran; otherwise the background checks the tab and answers
      // itself (a page whose markup shadows the extension's API cannot answer: src/background/inject.ts)
      let reply = await ask(id, { type: 'get-result' });
      if (!reply) {
        const req: CheckTabRequest = { type: 'check-tab', tab: id, lang: props.lang };
        reply = await browser.runtime.sendMessage(req).catch(() => null);
      }
      setView(toView(reply, props.lang));
    })().catch(() => setView({ kind: 'none', message: w.noReport }));
  }, []);

  const doCopy = (text: string): void => {
    void copyText(text, document).then((s) => {
      setCopy(s);
      setTimeout(() => setCopy(null), 2500);
    });
  };

  return (
    <main class="popup" lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <style>{POPUP_CSS}</style>
      <h1>{w.appName}</h1>
      <p class="links">
        <a href={browser.runtime.getURL('/batch.html')} target="_blank" rel="noopener">
          {w.batch}
        </a>
      </p>
      <details class="paste" open={pasted !== ''}>
        <summary>{w.pasteText}</summary>
        <textarea
          rows={4}
          value={pasted}
          onInput={keptInput(setPasted, keepPasted)}
          placeholder="一、总体情况……"
        />
        <button disabled={pasted.trim() === ''} onClick={checkPasted}>
          {w.checkText}
        </button>
        {pastedView?.kind === 'none' && <p class="muted pasted-result">{pastedView.message}</p>}
        {pastedView?.kind === 'result' && (
          <div class="pasted-result">
            <Counts result={pastedView.result} lang={props.lang} />
            <ul class="pasted-findings">
              {pastedView.result.findings.slice(0, 8).map((f) => (
                <li key={f.id}>{f.message[props.lang]}</li>
              ))}
            </ul>
            <button onClick={() => doCopy(toJson(pastedView.result))}>{w.copyJson}</button>
          </div>
        )}
      </details>
      {view.kind === 'loading' && <p class="muted">…</p>}
      {view.kind === 'none' && <p class="muted">{view.message}</p>}
      {view.kind === 'result' && (
        <>
          <p class="title">{view.result.report.title ?? view.result.report.body ?? w.unknown}</p>
          <p class="facts">
            {w.body}：{view.result.report.body ?? w.unknown} · {w.year}：{view.result.report.year ?? w.unknown} ·{' '}
            {view.result.report.template ? TEMPLATES[view.result.report.template].name[props.lang] : w.unknown}
          </p>
          <Counts result={view.result} lang={props.lang} />
          <div class="buttons">
            <button onClick={() => doCopy(toJson(view.result))}>{w.copyJson}</button>
            <button onClick={() => doCopy(view.tsv)}>{w.copyTsv}</button>
            <button onClick={() => tabId !== null && void ask(tabId, { type: 'show-sidebar' }).then(() => window.close())}>{w.showSidebar}</button>
          </div>
          <p class="status" role="status">
            {copy === 'copied' ? `✓ ${w.copied}` : copy === 'failed' ? w.copyFailed : ''}
          </p>
        </>
      )}
      <LangSwitch lang={props.lang} choice={props.choice ?? 'auto'} compact />
    </main>
  );
}

async function ask(tabId: number, msg: ToTab): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, msg);
  } catch {
    return null; // no checker in that tab yet
  }
}

function Counts(props: { result: CheckResultJson; lang: Lang }) {
  const w = WORDS[props.lang];
  const s = props.result.summary;
  return (
    <>
    <p class={`verdict ${s.errors > 0 ? 'err' : 'ok'}`}>{verdictLine(props.result, props.lang)}</p>
    <p class="counts">
      <span class={s.errors > 0 ? 'err' : 'ok'}>
        <b>{s.errors}</b> {w.errors}
      </span>
      <span class="warn">
        <b>{s.warnings}</b> {w.warnings}
      </span>
    </p>
    </>
  );
}

function toView(raw: unknown, lang: Lang): View {
  const reply = ResultReplySchema.safeParse(raw);
  if (!reply.success) return { kind: 'none', message: WORDS[lang].notChecked };
  if (reply.data.ok) {
    const result = CheckResultSchema.safeParse(reply.data.result);
    if (result.success) return { kind: 'result', result: result.data, tsv: reply.data.tsv ?? '' };
  }
  return { kind: 'none', message: reply.data.reason?.[lang] ?? WORDS[lang].noReport };
}
