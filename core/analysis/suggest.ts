// Finds the known name closest to a misspelt one, for "did you mean …?" messages and the
// quick fixes that apply them.

/**
 * The candidate nearest to `word` by edit distance, if it is close enough to be a typo: at
 * most one edit per three characters, and never more than three, so that long names with a
 * shared prefix (discharge.conference-count, discharge.info-count) are not offered. Ties go
 * to the candidate first in code-unit order. A candidate further away than the best so far is
 * given up early, so a search among thousands of ids costs little more than a length test each.
 */
export function closestMatch(word: string, candidates: Iterable<string>, exclude: readonly string[] = []): string | undefined {
  let bestDistance = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (candidate === word || Math.abs(other.length - lower.length) > bestDistance || exclude.includes(candidate)) continue;
    const distance = editDistance(lower, other, bestDistance);
    if (distance < bestDistance || (distance === bestDistance && (best === undefined || candidate < best))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment): a swap of neighbours costs 1.
 * With `max`, any distance over it is reported as `max + 1` as soon as no alignment can stay
 * within it.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  // Three rows of the table: two back (for swaps), the previous one and the current one.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}
