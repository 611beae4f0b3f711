// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDocument } from '../../src/pipeline';
import { applyDecisions, overlayDecisions, type Decision, type DecisionState } from '../../src/model/review';
import type { CheckResultJson } from '../../src/model/result';
import type { Finding } from '../../src/model/finding';
import { NOTE_SAVE_MS, Sidebar } from '../../src/ui/sidebar/Sidebar';

// The sidebar's note field (issue 16, item 1): a note is saved while typed (after a pause), on
// blur and when the sidebar goes away — never only with the next click on a state button.

function errorsResult(): CheckResultJson {
  const html = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'html', 'errors.html'), 'utf8');
  const out = checkDocument(parseHTML(html).document as unknown as Document, { kind: 'url', location: 'http://www.example.gov.cn/errors.html', format: 'html' });
  if (!out.ok) throw new Error('errors.html: no report');
  return { ...out.result, review: applyDecisions(out.result.findings, undefined) };
}

type Call = [string, DecisionState, string];
let container: HTMLElement;
let calls: Call[];
const result = errorsResult();

function mount(): void {
  render(
    <Sidebar
      lang="zh"
      state={{ kind: 'result', result }}
      collapsed={false}
      onCollapse={() => undefined}
      onClose={() => undefined}
      onFinding={() => undefined}
      onCopyJson={() => Promise.resolve('copied')}
      onCopyTsv={() => Promise.resolve('copied')}
      onCopyRecord={() => Promise.resolve('copied')}
      onPrint={() => undefined}
      onDecision={(f: Finding, state: DecisionState, note: string) => calls.push([f.id, state, note])}
    />,
    container,
  );
}

const items = (): HTMLElement[] => [...container.querySelectorAll<HTMLElement>('li.item')];
const noteOf = (li: HTMLElement): HTMLInputElement => li.querySelector<HTMLInputElement>('input.note') as HTMLInputElement;
const idOf = (li: HTMLElement): string => li.querySelector('button.finding')?.getAttribute('data-finding') ?? '';

function type(input: HTMLInputElement, text: string): void {
  for (let i = 1; i <= text.length; i++) {
    input.value = text.slice(0, i);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  calls = [];
  container = document.createElement('div');
  document.body.appendChild(container);
  mount();
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.useRealTimers();
});

describe('the note of a decision', () => {
  it('is saved once typing pauses, with no blur and no click', () => {
    const [a] = items();
    if (!a) throw new Error('no finding');
    type(noteOf(a), '已电话核实');
    expect(calls).toEqual([]); // not on every key
    vi.advanceTimersByTime(NOTE_SAVE_MS + 1);
    expect(calls).toEqual([[idOf(a), 'pending', '已电话核实']]);
  });

  it('is saved on blur at once, and not twice', () => {
    const [a] = items();
    if (!a) throw new Error('no finding');
    type(noteOf(a), '待补材料');
    noteOf(a).dispatchEvent(new FocusEvent('blur'));
    expect(calls).toEqual([[idOf(a), 'pending', '待补材料']]);
    vi.advanceTimersByTime(NOTE_SAVE_MS * 3);
    expect(calls).toHaveLength(1);
  });

  it('a note on finding A, then 驳回 on finding B: A keeps its note, B gets its decision', () => {
    const [a, b] = items();
    if (!a || !b) throw new Error('fewer than two findings');
    type(noteOf(a), '已核，系笔误');
    // the click on the next finding (in a browser the field's blur comes first; here, not even that)
    b.querySelector<HTMLButtonElement>('button[data-state="rejected"]')?.click();
    vi.advanceTimersByTime(NOTE_SAVE_MS + 1);
    expect(calls).toContainEqual([idOf(a), 'pending', '已核，系笔误']);
    expect(calls).toContainEqual([idOf(b), 'rejected', '']);
  });

  it('a note still being typed is saved when the sidebar closes', () => {
    const [a] = items();
    if (!a) throw new Error('no finding');
    type(noteOf(a), '关闭前');
    render(null, container);
    expect(calls).toEqual([[idOf(a), 'pending', '关闭前']]);
  });

  it('a state button carries the note typed so far, and the pending save does not repeat it', () => {
    const [a] = items();
    if (!a) throw new Error('no finding');
    type(noteOf(a), '确认无误');
    a.querySelector<HTMLButtonElement>('button[data-state="confirmed"]')?.click();
    vi.advanceTimersByTime(NOTE_SAVE_MS * 3);
    expect(calls).toEqual([[idOf(a), 'confirmed', '确认无误']]);
  });
});

describe('decisions not yet confirmed by the background', () => {
  it('are laid over the result shown and copied, on their finding only', () => {
    const [f, g] = result.findings;
    if (!f?.fingerprint || !g) throw new Error('no finding');
    const d: Decision = { fingerprint: f.fingerprint, state: 'rejected', note: '误报', at: '2026-01-01T00:00:00.000Z', rule: f.rule, message: f.message };
    const review = overlayDecisions(result.review, result.findings, [d]);
    expect(review.decisions.find((x) => x.findingId === f.id)).toMatchObject({ state: 'rejected', note: '误报' });
    expect(review.decisions.find((x) => x.findingId === g.id)).toMatchObject({ state: 'pending', note: '' });
    expect(overlayDecisions(undefined, result.findings, [d]).decisions.find((x) => x.findingId === f.id)?.note).toBe('误报');
  });
});
