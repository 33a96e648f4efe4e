/** Text made safe for one-line terminal output. */

/**
 * Control characters written as escapes (`\n`, `\t`, `\x1b`): a file name with a line break must not
 * split a finding over two lines of the one-finding-per-line output, nor an escape sequence reach the
 * terminal.
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[character] ?? `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
