/** Command ids, declared once; `package.json` contributes the same ids. */
export namespace CommandIds {
  export const restartServer = 'planAudit.restartServer';
  export const showOutput = 'planAudit.showOutput';
  export const showSummary = 'planAudit.showSummary';
  export const exportSummary = 'planAudit.exportSummary';
}
