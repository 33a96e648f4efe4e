/**
 * What the extension sends the server for the `planAudit` section: only the settings the user set, in
 * any scope. VS Code answers a configuration request with every setting's default filled in, so the
 * server could not tell `fiscalYearStartMonth: 10` typed by the user from the default, and the
 * workspace's `.plan-audit.yaml` would never decide it. Without a vscode import, so tests can run it.
 */

/** The `planAudit.*` settings the server reads (dotted below the section). */
export const serverSettingKeys = ['reviewDate', 'fiscalYearStartMonth', 'rules', 'fixAll.insertPlaceholders', 'maxIndexedMegabytes'] as const;

/** How a setting stands: whether a user, workspace or folder value exists, and the effective value. */
export interface SettingState {
  readonly isSet: boolean;
  readonly value: unknown;
}

/**
 * The section as the server should see it: every key with a value set by the user, as the effective
 * (merged) value; keys that only have their default are left out. Dotted keys become nested objects,
 * as VS Code's own answer has them (`fixAll.insertPlaceholders` → `{ fixAll: { insertPlaceholders } }`).
 */
export function explicitSettings(stateOf: (key: string) => SettingState | undefined): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const key of serverSettingKeys) {
    const state = stateOf(key);
    if (!state?.isSet) {
      continue;
    }
    const parts = key.split('.');
    let target = section;
    for (const part of parts.slice(0, -1)) {
      const next = (target[part] ??= {}) as Record<string, unknown>;
      target = next;
    }
    target[parts[parts.length - 1]] = state.value;
  }
  return section;
}
