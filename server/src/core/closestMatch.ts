/**
 * "Did you mean …?": the allowed key or value nearest to what was written, for schema messages and
 * their rename fixes.
 */

/**
 * The candidate closest to `word`: the same word in another case, else the nearest within an edit
 * distance of 2 (transpositions count as one edit, so `tragets` is 1 from `targets`), else one that
 * `word` begins or that begins with `word`. Undefined when nothing is close; ties go to the earlier
 * candidate. A distance as large as the shorter word is no match (`xy` is not a misspelling of `id`).
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    let score: number;
    if (other === lower) {
      score = 0;
    } else {
      const distance = editDistance(lower, other, 2);
      if (distance <= 2 && distance < Math.min(lower.length, other.length)) {
        score = distance;
      } else if (lower.length >= 3 && (other.startsWith(lower) || lower.startsWith(other))) {
        score = 3;
      } else {
        continue;
      }
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Optimal-string-alignment distance (Damerau–Levenshtein without repeated edits), capped at `limit + 1`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) {
      return limit + 1;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}
