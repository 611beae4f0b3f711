/**
 * The docked sidebar's room in the page (issue 18, item 1). While the panel is open, the page is
 * laid out beside it, not under it: one small page stylesheet gives the root element a right
 * margin as wide as the panel, so the page's own centred or fluid content re-centres in what is
 * left. Three rules, each for a case seen on gov.cn templates:
 *
 * - `margin-right`: the room itself (a centred 1000 px article moves left of the panel);
 * - `min-width: fit-content`: a fixed-width layout wider than what is left (a `w1200` container
 *   at a 1280 px window) keeps its width and makes the page scroll sideways, with the panel's
 *   width of margin after it — so its rightmost column can always be scrolled out from under the
 *   panel (without it, the overflow would end under the panel, out of reach);
 * - `scroll-padding-right`: `scrollIntoView` (a click on a finding) treats the panel's strip as
 *   not visible and scrolls a cell behind it out into the open.
 *
 * Page elements with `position: fixed` (a site's floating toolbar) still span the window; a
 * report's cells never are. The stylesheet is removed when the panel collapses or closes.
 */
export const PANEL_WIDTH = 380;
const STYLE_ID = 'gov-report-check-dock';

/** the gap kept between a cell scrolled into view and the panel's edge */
const GAP = 16;

export function dockCss(width: number): string {
  // html:root wins over a page's own `html { margin: … !important }` of lower specificity
  return `html:root { margin-right: ${width}px !important; min-width: fit-content !important; scroll-padding-right: ${width + GAP}px !important; }`;
}

/** Make room for the panel; returns what takes the room back. Docking twice keeps one stylesheet. */
export function dockPage(doc: Document, width = PANEL_WIDTH): () => void {
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    (doc.head ?? doc.documentElement).appendChild(style);
  }
  style.textContent = dockCss(width);
  return () => undockPage(doc);
}

export function undockPage(doc: Document): void {
  doc.getElementById(STYLE_ID)?.remove();
}
