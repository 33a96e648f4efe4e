/**
 * Array helpers that hold for any length. A spread into a call (`list.push(...items)`,
 * `Math.max(...values)`) passes every element as an argument on the stack and throws "Maximum call
 * stack size exceeded" past roughly 100,000 elements; a plan of 130,000 measures or a file with 200,000
 * schema errors has that many. `test/unit/noCallSpread.test.ts` keeps such spreads out of the sources.
 */

/** Appends each of `items` to `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) {
    target.push(item);
  }
  return target;
}

/** The largest of `values`, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty: number): number {
  let max = Number.NEGATIVE_INFINITY;
  let any = false;
  for (const value of values) {
    any = true;
    if (value > max || Number.isNaN(value)) {
      max = value;
    }
  }
  return any ? max : empty;
}

/** The smallest of `values`, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty: number): number {
  let min = Number.POSITIVE_INFINITY;
  let any = false;
  for (const value of values) {
    any = true;
    if (value < min || Number.isNaN(value)) {
      min = value;
    }
  }
  return any ? min : empty;
}
