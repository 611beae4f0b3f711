import { checkExtracted } from '../pipeline';
import { withLastYear } from '../check/cross-year';
import { RULESET_VERSION } from '../check/index';
import { recordOf } from '../model/history';
import { CheckResultSchema, type CheckResultJson } from '../model/result';
import { applyDecisions, figuresFingerprint } from '../model/review';
import type { CheckReply } from '../messages';
import type { CheckPageRequest, DecideRequest } from '../requests';
import { remember } from './history-store';
import { loadReview, saveDecision } from './review-store';
import { loadSettings } from './sites';
import { DEFAULT_SETTINGS } from './settings';

/**
 * The engine side of the in-page checker, run by the background: the content script extracts the
 * page's cells (DOM work, which must happen in the page) and sends them here; recognition, the
 * rules, last year's comparison and the auditor's decisions run off the page's main thread, and
 * the page gets back a result to mark and show. One engine: the same `checkExtracted` as the
 * CLI, the batch page and the tests.
 */
export async function checkPage(req: CheckPageRequest, now = new Date()): Promise<CheckReply> {
  const outcome = checkExtracted(req.doc, { kind: 'url', location: req.url, format: 'html' });
  if (!outcome.ok) return { ok: false, reason: outcome.reason, settings: await quietly(loadSettings, DEFAULT_SETTINGS) };
  const compared = await againstLastYear(outcome.result, req.url, now);
  const review = await quietly(() => loadReview(req.url), undefined);
  return reply({ ...compared, review: applyDecisions(compared.findings, review) });
}

/** Save an auditor's decision on a finding of this page's result and give the result back with it. */
export async function decide(req: DecideRequest): Promise<CheckReply> {
  await quietly(() => saveDecision(req.url, req.figures, req.decision), false);
  const review = await quietly(() => loadReview(req.url), undefined);
  return reply({ ...req.result, review: applyDecisions(req.result.findings, review) });
}

async function reply(result: CheckResultJson): Promise<CheckReply> {
  const settings = await quietly(loadSettings, DEFAULT_SETTINGS);
  // what the page receives has passed CheckResultSchema (a bug here must not reach the page or the clipboard)
  CheckResultSchema.parse(result);
  return { ok: true, result, figures: figuresFingerprint(result.report), ruleset: RULESET_VERSION, settings };
}

/** Remember this report; compare it with the same body's report for last year when one was checked. */
async function againstLastYear(result: CheckResultJson, url: string, now: Date): Promise<CheckResultJson> {
  const rec = recordOf(result.report, url, now);
  if (!rec) return result;
  const last = await quietly(() => remember(rec), null);
  return last ? withLastYear(result, last) : result;
}

async function quietly<T>(f: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await f();
  } catch {
    return fallback;
  }
}
