/**
 * A file of inputs (issue 19, discovery): listing URLs, report URLs and file paths mixed, one a
 * line. Blank lines and lines starting with `#` are skipped, surrounding spaces and a BOM dropped,
 * an input given twice kept once (first place). Pure: the caller reads the file.
 */

/** Inputs one list may hold at most: a runaway file stops there (and the caller says so). */
export const MAX_LIST_INPUTS = 100_000;

export interface InputList {
  inputs: string[];
  /** lines beyond MAX_LIST_INPUTS, not taken */
  dropped: number;
}

export function parseInputList(text: string): InputList {
  const inputs: string[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || seen.has(line)) continue;
    if (inputs.length >= MAX_LIST_INPUTS) {
      dropped += 1;
      continue;
    }
    seen.add(line);
    inputs.push(line);
  }
  return { inputs, dropped };
}
