export const BATCH_CSS = `
body { margin: 0; background: #f8f9fa; }
.batch { max-width: 1200px; margin: 0 auto; padding: 16px 20px 40px; font: 14px/1.5 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif; color: #1f1f1f; }
h1 { font-size: 20px; margin: 4px 0 6px; color: #0b57d0; }
.muted { color: #555; }
.block { display: block; margin: 8px 0; }
textarea { display: block; width: 100%; box-sizing: border-box; margin-top: 4px; font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; padding: 6px; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0; }
input[type=number] { width: 64px; }
button { font: inherit; border: 1px solid #0b57d0; background: #fff; color: #0b57d0; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
button.primary { background: #0b57d0; color: #fff; }
button:disabled { opacity: .5; cursor: default; }
.batch.dragging { outline: 3px dashed #0b57d0; outline-offset: -6px; }
.paste summary { cursor: pointer; color: #0b57d0; margin: 4px 0; }
.files { font-size: 12px; }
.note { color: #b06000; }
.progress { position: relative; height: 22px; background: #e8eaed; border-radius: 11px; overflow: hidden; margin: 10px 0; }
.progress .bar { height: 100%; background: #188038; transition: width .2s; }
.progress .label { position: absolute; inset: 0; text-align: center; font-size: 12px; line-height: 22px; }
table.results { width: 100%; border-collapse: collapse; background: #fff; }
.results th, .results td { border-bottom: 1px solid #e0e0e0; padding: 5px 6px; text-align: left; vertical-align: top; }
.results th.sortable { cursor: pointer; user-select: none; }
.results tr.row { cursor: pointer; }
.results tr.row:hover { background: #f1f3f4; }
.results td.target { word-break: break-all; max-width: 360px; font-size: 12px; }
.row.errors .status { color: #c5221f; font-weight: 600; }
.row.warnings .status { color: #b06000; }
.row.sound .status { color: #188038; }
.row.failed .status, .row.no-report .status, .row.pictures .status { color: #5f6368; }
.detail ul { margin: 4px 0; padding-left: 18px; }
.detail li.error { color: #c5221f; } .detail li.warning { color: #b06000; }
.allow-hosts input { display: block; width: 100%; box-sizing: border-box; margin-top: 4px; padding: 4px 6px; font: inherit; }
.listing-notes { margin: 4px 0; padding-left: 18px; font-size: 12px; word-break: break-all; }
.series { margin: 12px 0; }
.series h2 { font-size: 16px; margin: 8px 0 4px; }
table.series-table { width: 100%; border-collapse: collapse; background: #fff; }
.series-table th, .series-table td { border-bottom: 1px solid #e0e0e0; padding: 5px 6px; text-align: left; vertical-align: top; }
.series-table .names { font-size: 12px; }
.series-table ul { margin: 0; padding-left: 18px; }
.series-table li.warning { color: #b06000; } .series-table .sound { color: #188038; }
.series-table .year { display: inline-block; margin: 0 4px 4px 0; padding: 0 6px; border-radius: 4px; border: 1px solid #c4c7c5; font-size: 12px; }
.series-table .year.consistent { border-color: #188038; color: #188038; }
.series-table .year.inconsistent { border-color: #c5221f; color: #c5221f; background: #fde2e1; }
.series-table .year.missing { border-style: dashed; color: #5f6368; }
.series-table .year.kept { border-style: dotted; color: #5f6368; background: #f1f3f4; }
`;
