/**
 * The editor's `planAudit.*` settings as the server uses them: one typed shape, sanitised from raw values.
 */
import type { AuditSettings } from './core/analyze';
import { defaultAuditSettings } from './core/analyze';
import { settingsFromRaw } from './workspaceFiles';

/** The `planAudit` configuration section as VS Code sends it. */
export interface RawPlanAuditSettings {
  reviewDate?: unknown;
  fiscalYearStartMonth?: unknown;
  rules?: unknown;
  /** `planAudit.fixAll.insertPlaceholders`, nested as VS Code sends dotted settings. */
  fixAll?: { insertPlaceholders?: unknown } | null;
}

/**
 * Merges, in increasing precedence: defaults, the workspace's `.plan-audit.yaml`, the editor settings.
 * Problems in the raw values are returned for logging; bad values fall back to the lower layer.
 */
export function resolveSettings(fileSettings: AuditSettings | undefined, raw: RawPlanAuditSettings | null | undefined): { settings: AuditSettings; problems: string[] } {
  const base = fileSettings ?? defaultAuditSettings;
  if (!raw) {
    return { settings: base, problems: [] };
  }
  const problems: string[] = [];
  const reviewDate = typeof raw.reviewDate === 'string' && raw.reviewDate.trim() !== '' ? raw.reviewDate.trim() : undefined;
  return settingsFromRaw(
    {
      review_date: reviewDate,
      fiscal_year_start_month: raw.fiscalYearStartMonth === null ? undefined : raw.fiscalYearStartMonth,
      rules: raw.rules ?? undefined,
      fix_all: raw.fixAll?.insertPlaceholders === undefined || raw.fixAll.insertPlaceholders === null ? undefined : { insert_placeholders: raw.fixAll.insertPlaceholders },
    },
    base,
    'planAudit settings',
    problems,
  );
}
