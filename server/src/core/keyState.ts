/**
 * How a key stands in a map of the model, for rules that report a missing or empty entry and offer to
 * insert it.
 */
import type { MapNode } from './tree';
import { getPair } from './tree';

/**
 * How a key stands in a map: `absent`; `empty` (no value, or blank text); `ill-typed` (a map or a
 * sequence where text is expected: the schema reports it, rules stay silent); `present`.
 */
export type KeyState = 'absent' | 'empty' | 'ill-typed' | 'present';

/**
 * True for a model field read with `getString` that `textKeyState` would call `present`: any scalar but
 * null and blank text. (`getString` gives undefined for null, maps and sequences.)
 */
export function hasText(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/** The state of a key whose value should be text (or a number). */
export function textKeyState(map: MapNode, key: string): KeyState {
  const pair = getPair(map, key);
  if (!pair) {
    return 'absent';
  }
  const value = pair.value;
  if (value.kind !== 'scalar') {
    return 'ill-typed';
  }
  return value.value === null || (typeof value.value === 'string' && value.value.trim() === '') ? 'empty' : 'present';
}
