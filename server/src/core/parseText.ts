/**
 * The one way the core turns a whole text into a located tree: the line reader (`parseLines`) when it
 * can be sure of `yaml`'s result, else `yaml` itself (`parseWithYaml`), the reference, which also gives
 * every syntax error and warning. test/unit/differential.test.ts holds the two to the same tree and the
 * same findings on fuzzed texts.
 */
import type { ParseLimits, ParsedDocument } from './parse';
import { defaultParseLimits, parseWithYaml } from './parse';
import { parseLines } from './parseLines';

/** Parses `text` into the tree and YAML findings `parseWithYaml` gives, by the fastest path that can. Never throws. */
export function parseText(uri: string, text: string, limits: ParseLimits = defaultParseLimits): ParsedDocument {
  return parseLines(uri, text, limits) ?? parseWithYaml(uri, text, limits);
}
