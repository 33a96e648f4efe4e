/**
 * Proves the workbench harness on its own, with no extension: code-server starts on loopback, Chromium
 * shows the workbench, and a YAML file opened from the Explorer shows its text in the editor.
 */
import * as assert from 'assert';
import { startWorkbench, type Workbench } from './harness';

describe('workbench harness (smoke)', () => {
  let workbench: Workbench | undefined;

  after(async () => {
    await workbench?.stop();
  });

  it('opens a YAML file from the Explorer and shows its text', async () => {
    workbench = await startWorkbench({
      name: 'smoke',
      workspaceFiles: { 'hello.plan.yaml': 'kind: plan\nid: smoke-test\ntitle: Smoke test plan\n' },
    });
    await workbench.screenshot('workbench');
    await workbench.openFile('hello.plan.yaml');
    const lines = workbench.page.locator('.editor-group-container.active .monaco-editor .view-lines');
    await lines.getByText('Smoke test plan').waitFor({ timeout: 30_000 });
    const text = (await lines.innerText()).replace(/\u00a0/g, ' ');
    await workbench.screenshot('file-open');
    assert.match(text, /kind: plan/);
    assert.match(text, /title: Smoke test plan/);
  });
});
