/** Command ids, declared once; `package.json` contributes the same ids. */
export const CommandIds = {
  restartServer: 'planAudit.restartServer',
  showOutput: 'planAudit.showOutput',
  showSummary: 'planAudit.showSummary',
  exportSummary: 'planAudit.exportSummary',
} as const;
