// Union–find over indices, and the connected groups it gives.

export function find(parent: number[], i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r] ?? r;
  let k = i;
  while (parent[k] !== r) {
    const next = parent[k] ?? r;
    parent[k] = r;
    k = next;
  }
  return r;
}
export function union(parent: number[], a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
}


/** Connected groups under a symmetric relation. */
export function groupBy<T>(xs: T[], same: (a: T, b: T) => boolean): T[][] {
  const parent = xs.map((_, i) => i);
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const a = xs[i];
      const b = xs[j];
      if (a !== undefined && b !== undefined && same(a, b)) union(parent, i, j);
    }
  }
  const groups = new Map<number, T[]>();
  xs.forEach((x, i) => {
    const r = find(parent, i);
    const g = groups.get(r) ?? [];
    g.push(x);
    groups.set(r, g);
  });
  return [...groups.values()];
}
