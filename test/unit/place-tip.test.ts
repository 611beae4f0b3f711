import { describe, expect, it } from 'vitest';
import { placeTip, type Rect } from '../../src/ui/sidebar/App';

// Where a marked cell's tooltip goes (issue 18, item 1): in the part of the window the docked
// panel leaves free, beside the table when there is room, never over the cell.
const rect = (left: number, top: number, width: number, height: number): Rect => ({ left, top, right: left + width, bottom: top + height });
const overlaps = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('placeTip', () => {
  it('goes beside the table when the free part of the window leaves room there (1920 px less the panel)', () => {
    const table = rect(400, 100, 640, 600);
    const at = placeTip(rect(980, 300, 50, 26), table, { freeRight: 1540, height: 800 });
    expect(at).toEqual({ x: 1048, y: 300, width: 360 });
  });

  it('goes under the cell, left of the panel, when the table leaves no room beside it (1280 px less the panel)', () => {
    const table = rect(150, 100, 640, 600);
    const cell = rect(730, 300, 50, 26);
    const at = placeTip(cell, table, { freeRight: 900, height: 800 });
    expect(at).not.toBeNull();
    if (!at) return;
    expect(at.x + at.width).toBeLessThanOrEqual(900);
    expect(at.y).toBe(332);
    expect(overlaps({ left: at.x, top: at.y, right: at.x + at.width, bottom: at.y + 126 }, cell)).toBe(false);
  });

  it('goes over the cell when the window ends below it', () => {
    const at = placeTip(rect(300, 740, 50, 26), rect(150, 100, 640, 700), { freeRight: 900, height: 800 });
    expect(at?.y).toBe(608);
  });

  it('keeps clear of the next row and the row before: below the row after the cell, or above the row before it', () => {
    const table = rect(150, 100, 640, 600);
    const cell = rect(730, 300, 50, 26);
    // rows of 26 px: the one above starts at 274, the one below ends at 352
    const band = { top: 274, bottom: 352 };
    const below = placeTip(cell, table, { freeRight: 900, height: 800 }, band);
    expect(below?.y).toBe(358);
    // near the window's end: above the row before, with the tooltip's measured height
    const low = placeTip(rect(730, 640, 50, 26), table, { freeRight: 900, height: 800 }, { top: 614, bottom: 692 }, 150);
    expect(low?.y).toBe(614 - 6 - 150);
    if (!low) return;
    expect(overlaps({ left: low.x, top: low.y, right: low.x + low.width, bottom: low.y + 150 }, rect(150, 614, 640, 78))).toBe(false);
  });

  it('goes left of the table when only that side has room', () => {
    const at = placeTip(rect(900, 300, 50, 26), rect(400, 100, 600, 600), { freeRight: 1020, height: 800 });
    expect(at).toEqual({ x: 32, y: 300, width: 360 });
  });

  it('shows nothing for a cell out of sight', () => {
    expect(placeTip(rect(300, -60, 50, 26), null, { freeRight: 900, height: 800 })).toBeNull();
  });
});
