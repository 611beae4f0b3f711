export const POPUP_CSS = `
body { margin: 0; }
.popup { width: 320px; padding: 12px 14px; font: 14px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif; color: #1f1f1f; }
h1 { margin: 0 0 8px; font-size: 16px; color: #0b57d0; }
.title { margin: 0; font-weight: 600; }
.facts, .muted { margin: 2px 0 8px; color: #555; font-size: 12px; }
.counts { display: flex; gap: 12px; margin: 6px 0 10px; }
.counts b { font-size: 20px; }
.err b { color: #c5221f; } .ok b { color: #188038; } .warn b { color: #b06000; }
.buttons { display: flex; flex-wrap: wrap; gap: 6px; }
button { font: inherit; font-size: 13px; border: 1px solid #0b57d0; background: #fff; color: #0b57d0; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
button:hover { background: #e8f0fe; }
.paste { margin: 6px 0; font-size: 13px; }
.paste summary { cursor: pointer; color: #0b57d0; }
.paste textarea { width: 100%; box-sizing: border-box; margin: 4px 0; font-size: 12px; }
.pasted-findings { margin: 4px 0; padding-left: 16px; font-size: 12px; max-height: 140px; overflow: auto; }
.lang-switch { border: 0; border-top: 1px solid #e0e0e0; margin: 10px 0 0; padding: 6px 0 0; font-size: 12px; color: #555; display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: center; }
.lang-switch legend { float: left; padding: 0; margin-right: 4px; }
.lang-switch label { cursor: pointer; white-space: nowrap; }
.lang-failed { color: #c5221f; flex-basis: 100%; }
.status { color: #188038; font-size: 12px; min-height: 18px; margin: 6px 0 0; }
`;
