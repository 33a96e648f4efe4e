/**
 * Characters a file read from disk should not hold, which `yaml` itself accepts: bytes that were not
 * valid UTF-8 (decoded as U+FFFD) and control characters (YAML 1.2, 5.1: only tab, line feed and
 * carriage return are allowed). Either means binary data, a bad copy-paste or a file saved in another
 * encoding; the values that hold them are read wrong. Checked where a file is read from disk (the CLI
 * and the server's index of unopened files), not at every keystroke: the editor shows such characters.
 */
import type { Finding } from './findings';
import { YamlRuleIds, yamlFinding } from './parse';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The findings for `text`, decoded from bytes that `invalidUtf8` says were not all valid UTF-8. */
export function textCharacterFindings(uri: string, text: string, invalidUtf8: boolean): Finding[] {
  const findings: Finding[] = [];
  const replacement = invalidUtf8 ? text.indexOf('\uFFFD') : -1;
  if (replacement >= 0) {
    findings.push(
      yamlFinding(
        uri,
        YamlRuleIds.syntax,
        'error',
        `Bytes here are not valid UTF-8 (read as U+FFFD, �): the file was probably saved in another encoding, such as Windows-1252, and its text is read wrong. Save it as UTF-8.`,
        [replacement, replacement + 1],
      ),
    );
  }
  const control = text.search(controlCharacter);
  if (control >= 0) {
    const code = text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0');
    findings.push(
      yamlFinding(
        uri,
        YamlRuleIds.syntax,
        'error',
        `Control character U+${code} here: YAML allows none but tab and line breaks, and it usually means binary data or a bad copy-paste. Remove it.`,
        [control, control + 1],
      ),
    );
  }
  return findings;
}
