/**
 * How long a recommendation may stay open, by who made it: the one definition the
 * `recommendation-open-too-long` rule and the summary read (the reasons for each threshold are in the
 * rule's file and docs/rules/recommendation-open-too-long.md).
 */

/**
 * Years after `issued` past which an `open` recommendation is reported, by `source`. `undefined`: the
 * source's recommendations are not judged by age. Sources not listed use `defaultOpenTooLongYears`.
 */
export const openTooLongYearsBySource: Readonly<Record<string, number | undefined>> = {
  gao: 4,
  oig: undefined,
  internal: 4,
  other: 4,
};

/** The threshold for a source not in `openTooLongYearsBySource`, or no source. */
export const defaultOpenTooLongYears = 4;

/** The threshold that applies to a recommendation, or undefined when its source is not judged by age. */
export function openTooLongYears(source: string | undefined): number | undefined {
  if (source !== undefined && Object.prototype.hasOwnProperty.call(openTooLongYearsBySource, source)) {
    return openTooLongYearsBySource[source];
  }
  return defaultOpenTooLongYears;
}
