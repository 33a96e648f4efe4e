/**
 * `yaml`'s YAML 1.2 core schema, for the line reader: how a plain scalar resolves (`resolvePlain`) and
 * how a scalar with one of the core tags (`!!str`, `!!int`, …) resolves (`resolveTagged`), exactly as
 * `yaml` 2 resolves them with the options `parseWithYaml` uses.
 */
import type { Scalar } from './tree';
import { Unsure } from './yamlRanges';

const nullPattern = /^(?:~|[Nn]ull|NULL)?$/;
const boolPattern = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const octPattern = /^0o[0-7]+$/;
const intPattern = /^[-+]?[0-9]+$/;
const hexPattern = /^0x[0-9a-fA-F]+$/;
const nanInfPattern = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const expPattern = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const floatPattern = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * Resolves a plain scalar with the YAML 1.2 core schema exactly as `yaml` 2 does (same tests in the same
 * order: null, bool, octal, decimal and hexadecimal integers, `.inf`/`.nan`, exponent and plain floats),
 * so `yes`, `0x1F` signed, `1_000` and dates stay text as they do there.
 */
export function resolvePlain(source: string): Scalar {
  const first = source.charCodeAt(0);
  // Fast exit: most plain scalars in a plan are words, which no core tag matches.
  if (!(first <= 0x39 /* 9 */ || first === 0x7e /* ~ */ || first === 0x6e || first === 0x4e || first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46)) {
    return source;
  }
  if (first > 0x39 && first !== 0x7e && source.length > 5) {
    // `name`, `targets`, `fiscal_year`: longer than `false`, the longest word the core schema resolves.
    return source;
  }
  if (first >= 0x30 && first <= 0x39 && isDigits(source)) {
    // The usual number in a plan (a year, a count): what `intPattern` would match, without a regex.
    return parseInt(source, 10);
  }
  if (nullPattern.test(source)) {
    return null;
  }
  if (boolPattern.test(source)) {
    return first === 0x74 || first === 0x54;
  }
  if (octPattern.test(source)) {
    return parseInt(source.substring(2), 8);
  }
  if (intPattern.test(source)) {
    return parseInt(source, 10);
  }
  if (hexPattern.test(source)) {
    return parseInt(source.substring(2), 16);
  }
  if (nanInfPattern.test(source)) {
    return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (expPattern.test(source) || floatPattern.test(source)) {
    return parseFloat(source);
  }
  return source;
}
function isDigits(source: string): boolean {
  for (let index = 0; index < source.length; index++) {
    const code = source.charCodeAt(index);
    if (code < 0x30 || code > 0x39) {
      return false;
    }
  }
  return true;
}


/**
 * The value of a scalar whose text (a plain scalar's source, a quoted or block scalar's value) is
 * `source` under the core tag `!!tag`. `yaml` takes the first of the schema's tags of that name whose
 * pattern matches; when none does it warns (`Unresolved tag`), and so this throws `Unsure`, as it does
 * for a tag the core schema does not have, or one that names a collection.
 */
export function resolveTagged(tag: string, source: string): Scalar {
  switch (tag) {
    case 'str':
      return source;
    case 'null':
      if (nullPattern.test(source)) {
        return null;
      }
      break;
    case 'bool':
      if (boolPattern.test(source)) {
        return source.charCodeAt(0) === 0x74 || source.charCodeAt(0) === 0x54;
      }
      break;
    case 'int':
      if (octPattern.test(source)) {
        return parseInt(source.substring(2), 8);
      }
      if (intPattern.test(source)) {
        return parseInt(source, 10);
      }
      if (hexPattern.test(source)) {
        return parseInt(source.substring(2), 16);
      }
      break;
    case 'float':
      if (nanInfPattern.test(source)) {
        return source.slice(-3).toLowerCase() === 'nan' ? NaN : source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      }
      if (expPattern.test(source) || floatPattern.test(source)) {
        return parseFloat(source);
      }
      break;
  }
  throw new Unsure();
}
