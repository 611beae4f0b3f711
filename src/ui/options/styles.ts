/**
 * The options page, in the look of the batch page (batch/styles.ts): the same type, colours,
 * buttons and results table, its parts set on white cards on the same grey ground.
 */
export const OPTIONS_CSS = `
body { margin: 0; background: #f8f9fa; }
.options { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; font: 14px/1.6 "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif; color: #1f1f1f; }
h1 { font-size: 20px; margin: 4px 0 12px; color: #0b57d0; }
h2 { font-size: 16px; margin: 0 0 8px; color: #1f1f1f; }
.card { background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 14px 18px; margin: 0 0 14px; }
.muted { color: #555; }
.row { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin: 8px 0; }
label { cursor: pointer; }
input[type=text] { font: inherit; padding: 3px 6px; border: 1px solid #bdc1c6; border-radius: 4px; min-width: 220px; }
button, .file-button { font: inherit; border: 1px solid #0b57d0; background: #fff; color: #0b57d0; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
button:hover, .file-button:hover { background: #e8f0fe; }
button.danger { border-color: #c5221f; color: #c5221f; }
button.danger:hover { background: #fce8e6; }
.file-button input { position: absolute; width: 1px; height: 1px; opacity: 0; }
.file-button:focus-within { outline: 2px solid #0b57d0; outline-offset: 2px; }
button:focus-visible, input:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
.status { color: #188038; }
.status.bad { color: #c5221f; }
ul.sites { margin: 4px 0; padding-left: 18px; }
ul.sites code { font-size: 13px; }
.lang-switch { border: 0; margin: 0 0 8px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: center; }
.lang-switch legend { float: left; padding: 0; margin-right: 4px; font-weight: 600; }
.lang-failed { color: #c5221f; }
table.records { width: 100%; border-collapse: collapse; background: #fff; }
.records th, .records td { border-bottom: 1px solid #e0e0e0; padding: 5px 6px; text-align: left; vertical-align: top; }
.records th { background: #f1f3f4; font-weight: 600; white-space: nowrap; }
.records td.source { word-break: break-all; max-width: 380px; font-size: 12px; }
.records td.num, .records td.when { white-space: nowrap; }
.records tr.conflict td { background: #fef7e0; }
.records tr.conflict-head td { background: #fce8b2; color: #7a4100; font-weight: 600; border-top: 2px solid #e37400; }
.records tr.same-head td { color: #555; font-size: 12px; background: #f8f9fa; }
.conflicts { color: #b06000; font-weight: 600; }
.glossary dl { margin: 0; }
.glossary dt { font-weight: 600; margin-top: 6px; }
.glossary dt code { color: #80868b; font-weight: 400; font-size: 12px; }
.glossary dd { margin: 0 0 0 1.5em; }
`;
