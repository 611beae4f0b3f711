/** The toolbar badge for a tab: the number of errors (red), ✓ when none (green), empty when no report. */
export function badgeFor(m: { report: boolean; errors: number }): { text: string; color: string } {
  if (!m.report) return { text: '', color: '#5f6368' };
  if (m.errors === 0) return { text: '✓', color: '#188038' };
  return { text: m.errors > 99 ? '99+' : String(m.errors), color: '#d93025' };
}
