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
    },
    base,
    'planAudit settings',
    problems,
  );
}
