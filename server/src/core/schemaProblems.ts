/**
 * Collapsing ajv's errors into problems: what an auditor should read, one problem per cause (see
 * `collapse`).
 */
import type { ErrorObject } from 'ajv';
import { maxOf } from './arrays';
import { typeList, unique } from './schemaWording';

/** One thing to report: an ajv error, the required keys one map lacks, or "needs one of" from `anyOf`. */
export type Problem =
  | { readonly type: 'error'; readonly error: ErrorObject }
  | { readonly type: 'missing'; readonly instancePath: string; readonly keys: readonly string[] }
  | { readonly type: 'missing-one-of'; readonly instancePath: string; readonly keys: readonly string[] }
  | { readonly type: 'wrong-type-any'; readonly error: ErrorObject; readonly types: readonly string[] };

/**
 * Reduces ajv's output to what an auditor should read. An `anyOf`/`oneOf` whose branches all failed on
 * required keys becomes "needs `a` or `b`"; one whose branches all failed on type becomes one type
 * error; otherwise only the branch that got deepest into the data is kept, since it is the one the
 * author most likely meant. `if` errors are dropped (the `then` errors say what is wrong), a date that
 * fails its pattern is not also reported as an unreal date, and the required keys missing from one map
 * become one problem.
 */
export function collapse(errors: readonly ErrorObject[]): Problem[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, Problem>();
  // ajv pushes a composite's branch errors right before the composite itself, so walking backwards from
  // it finds them without scanning the whole list; from the end, enclosing composites come first.
  for (let index = errors.length - 1; index >= 0; index--) {
    const composite = errors[index];
    if ((composite.keyword !== 'anyOf' && composite.keyword !== 'oneOf') || dropped.has(composite)) {
      continue;
    }
    // schemaPath alone is ambiguous (every entry checked by one referenced schema reports `#/anyOf`),
    // so a branch error must also lie at or below the composite's data path.
    const prefix = `${composite.schemaPath}/`;
    const path = composite.instancePath;
    const branches = new Map<string, ErrorObject[]>();
    for (let before = index - 1; before >= 0; before--) {
      const error = errors[before];
      if (!error.schemaPath.startsWith(prefix) || !(error.instancePath === path || error.instancePath.startsWith(`${path}/`))) {
        break;
      }
      if (!dropped.has(error)) {
        const branch = error.schemaPath.slice(prefix.length).split('/')[0];
        branches.set(branch, [error, ...(branches.get(branch) ?? [])]);
      }
    }
    const branchErrors = [...branches.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, branch]) => branch);
    if (branchErrors.length === 0) {
      continue; // oneOf with several passing branches: ajv's own error is all there is
    }
    const all = branchErrors.flat();
    const atComposite = (error: ErrorObject) => error.instancePath === path;
    if (all.every((error) => error.keyword === 'required' && atComposite(error))) {
      const keys = unique(all.map((error) => String(error.params.missingProperty)));
      replaced.set(composite, { type: 'missing-one-of', instancePath: path, keys });
      all.forEach((error) => dropped.add(error));
    } else if (all.every((error) => error.keyword === 'type' && atComposite(error))) {
      const types = unique(all.flatMap((error) => typeList(error.params.type)));
      replaced.set(composite, { type: 'wrong-type-any', error: all[0], types });
      all.forEach((error) => dropped.add(error));
    } else {
      const best = bestBranch(branchErrors);
      for (const branch of branchErrors) {
        if (branch !== best) {
          branch.forEach((error) => dropped.add(error));
        }
      }
      dropped.add(composite);
    }
  }
  const patternPaths = new Set(errors.filter((error) => error.keyword === 'pattern').map((error) => error.instancePath));
  const problems: Problem[] = [];
  const missingByPath = new Map<string, string[]>();
  for (const error of errors) {
    const replacement = replaced.get(error);
    if (replacement) {
      problems.push(replacement);
      continue;
    }
    if (dropped.has(error) || error.keyword === 'if' || (error.keyword === 'format' && patternPaths.has(error.instancePath))) {
      continue;
    }
    if (error.keyword === 'required') {
      const keys = missingByPath.get(error.instancePath);
      const key = String(error.params.missingProperty);
      if (keys) {
        keys.push(key);
      } else {
        const list = [key];
        missingByPath.set(error.instancePath, list);
        problems.push({ type: 'missing', instancePath: error.instancePath, keys: list });
      }
      continue;
    }
    problems.push({ type: 'error', error });
  }
  return problems;
}

/** The branch that got deepest into the data, then the one with the fewest errors. */
function bestBranch(branches: readonly ErrorObject[][]): ErrorObject[] {
  const depth = (branch: readonly ErrorObject[]) => maxOf(branch.map((error) => error.instancePath.split('/').length), 0);
  return [...branches].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
}

/** `problem` with `prefix` put before its data paths (a unit's problem placed in its document). */
export function withPathPrefix(problem: Problem, prefix: string): Problem {
  switch (problem.type) {
    case 'missing':
    case 'missing-one-of':
      return { ...problem, instancePath: prefix + problem.instancePath };
    case 'error':
    case 'wrong-type-any':
      return { ...problem, error: { ...problem.error, instancePath: prefix + problem.error.instancePath } };
  }
}
