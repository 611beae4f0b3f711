import { PANEL_WIDTH } from '../../page/dock';

/**
 * The sidebar's stylesheet, inside its shadow root. `px` only: many gov.cn templates change the
 * root font size. The host is reset with `all: initial` (WXT) and pinned with !important, which
 * wins over page `!important` rules because it comes from the inner (shadow) context.
 */
export const SIDEBAR_CSS = `
:host {
  all: initial !important;
  position: fixed !important; top: 0 !important; right: 0 !important; left: auto !important; bottom: auto !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; display: block !important;
  z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important; transform: none !important;
  /* the host is a manual popover in the top layer (in-page.tsx onTop): none of the popover's default box */
  margin: 0 !important; padding: 0 !important; border: 0 !important; background: transparent !important; inset: 0 0 auto auto !important;
}
* { box-sizing: border-box; }
.root { font: 14px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif; color: #1f1f1f; }
.panel {
  /* docked: the page makes room for it (dock.ts), so it covers nothing of the page's content */
  position: fixed; top: 0; right: 0; bottom: 0; width: ${PANEL_WIDTH}px; height: 100vh;
  display: flex; flex-direction: column; background: #fff; border-left: 1px solid #c7c7c7;
  box-shadow: -2px 0 12px rgba(0,0,0,.12); overflow: hidden; font-size: 14px; text-align: left;
}
.bar { display: flex; align-items: center; gap: 6px; padding: 8px 10px; background: #0b57d0; color: #fff; }
.bar .app { font-size: 15px; }
.grow { flex: 1; }
button { font: inherit; cursor: pointer; }
.icon { border: 0; background: transparent; color: #fff; font-size: 18px; line-height: 18px; width: 28px; height: 28px; border-radius: 6px; }
.icon:hover, .icon:focus-visible { background: rgba(255,255,255,.2); }
/* visible focus everywhere in the panel (issue 18, item 2) */
.panel :focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.bar .icon:focus-visible { outline: 2px solid #fff; outline-offset: -2px; }
.body { overflow: auto; padding: 10px 12px; flex: 1; }
.title { margin: 0 0 4px; font-size: 15px; font-weight: 600; }
.facts { margin: 0; color: #444; font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 12px; }
.last-year { margin: 6px 0 0; font-size: 12px; color: #0b57d0; }
.last-year a { margin-left: 6px; color: #0b57d0; }
.last-year.elsewhere { color: #b06000; }
.verdict { margin: 10px 0 0; padding: 8px 10px; border-radius: 6px; font-weight: 600; font-size: 14px; line-height: 1.5; }
.verdict.bad { background: #fce8e6; color: #a50e0e; }
.verdict.good { background: #e6f4ea; color: #137333; }
.counts { display: flex; gap: 8px; margin: 10px 0; }
.count { flex: 1; border-radius: 8px; padding: 6px 8px; background: #f1f3f4; font-size: 12px; color: #444; text-align: center; }
.count b { display: block; font-size: 20px; color: #1f1f1f; }
.count.err.on { background: #fce8e6; } .count.err.on b { color: #c5221f; }
.count.warn.on { background: #fef7e0; } .count.warn.on b { color: #b06000; }
.count.ok b { color: #188038; }
.notice { margin: 10px 12px; padding: 8px 10px; background: #fef7e0; border-radius: 8px; color: #5f3b00; }
.body .notice { margin: 8px 0; }
.passed .ok-line { color: #188038; font-weight: 600; margin: 6px 0; font-size: 15px; }
.passed ul, .group ul { list-style: none; margin: 0; padding: 0; }
.passed li { padding: 2px 0; color: #333; font-size: 13px; }
.group h3 { margin: 12px 0 6px; font-size: 13px; color: #444; border-bottom: 1px solid #e0e0e0; padding-bottom: 2px; }
.finding { display: flex; gap: 8px; width: 100%; text-align: left; border: 1px solid transparent; background: #fff; padding: 6px; border-radius: 8px; color: inherit; font-size: 13px; }
.finding:hover { background: #f1f3f4; border-color: #c7c7c7; }
.panel .finding:focus-visible { background: #e8f0fe; border-color: #0b57d0; outline: 2px solid #0b57d0; outline-offset: 0; }
.finding .sev { flex: none; width: 20px; height: 20px; border-radius: 50%; text-align: center; line-height: 20px; font-weight: 700; color: #fff; font-size: 12px; }
.finding.error .sev { background: #d93025; }
.finding.warning .sev { background: #e37400; }
.finding.info .sev { background: #5f6368; }
.finding .text { flex: 1; word-break: break-word; }
.numbers { display: block; margin-top: 2px; color: #444; }
.numbers b { color: #c5221f; }
.rule { display: block; margin-top: 2px; color: #80868b; font-size: 11px; font-family: ui-monospace, Menlo, Consolas, monospace; }
.attachments { margin: 8px 12px 0; padding: 6px 8px; background: #e8f0fe; border-radius: 8px; font-size: 12px; }
.attachments ul { list-style: none; margin: 4px 0; padding: 0; }
.attachments li { padding: 2px 0; }
.att-title { margin: 0; font-weight: 600; }
.att-kind { font-family: ui-monospace, Menlo, Consolas, monospace; color: #0b57d0; }
.action.small { padding: 0 8px; font-size: 12px; }
.decide { display: flex; gap: 4px; align-items: center; margin: 2px 0 6px 34px; }
.decide .state { border: 1px solid #c7c7c7; background: #fff; color: #444; border-radius: 10px; padding: 0 8px; font-size: 11px; line-height: 18px; }
.decide .state.on.pending { background: #e8eaed; border-color: #80868b; }
.decide .state.on.confirmed { background: #fce8e6; border-color: #d93025; color: #c5221f; }
.decide .state.on.rejected { background: #e6f4ea; border-color: #188038; color: #188038; }
.decide .note { flex: 1; min-width: 0; font: inherit; font-size: 11px; border: 1px solid #dadce0; border-radius: 4px; padding: 1px 4px; }
.item.rejected .finding { opacity: .6; }
.keys { margin: 8px 0 2px; font-size: 11px; line-height: 1.4; color: #5f6368; }
.keys .key { white-space: nowrap; }
.filter { display: block; font-size: 12px; color: #444; margin: 4px 0; }
.stale li { font-size: 12px; color: #5f6368; padding: 2px 0; }
.actions { flex-wrap: wrap; display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-top: 1px solid #e0e0e0; background: #f8f9fa; }
.action { border: 1px solid #0b57d0; background: #fff; color: #0b57d0; border-radius: 6px; padding: 4px 10px; font-size: 13px; }
.action:hover, .action:focus-visible { background: #e8f0fe; }
.status { color: #188038; font-size: 12px; }
.badge:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.badge { position: fixed; top: 12px; right: 12px; border: 0; border-radius: 16px; padding: 6px 12px; color: #fff; font-size: 13px; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.badge.bad { background: #d93025; } .badge.good { background: #188038; }
.tip { position: fixed; max-width: 360px; background: #202124; color: #fff; padding: 6px 8px; border-radius: 6px; font-size: 12px; line-height: 1.45; pointer-events: none; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.tip p { margin: 0 0 4px; } .tip p:last-child { margin: 0; }
.tip .rule { color: #bdc1c6; display: block; font-size: 10px; }
`;
