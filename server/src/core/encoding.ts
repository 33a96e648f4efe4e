/**
 * Plan files must be UTF-8. A file saved as UTF-16 or UTF-32 (Windows tools still offer "Unicode") read
 * as UTF-8 is a stream of NUL characters and garbage, which would give garbage findings or none. Such a
 * file gets one clear finding instead. Detected from the bytes (a byte order mark, or the NUL pattern
 * ASCII text has in a wide encoding) when a file is read from disk, and from the text when an editor
 * sends text that holds that NUL pattern.
 */
import type { Finding } from './findings';
import { YamlRuleIds } from './parse';

export type WideEncoding = 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

/** How many leading bytes (or characters) the NUL-pattern test looks at. */
const sampleLength = 512;

/**
 * The wide encoding of a file's bytes, or undefined for UTF-8 (or anything else). A byte order mark
 * decides; without one, the NUL pattern of mostly-ASCII text does (YAML plans are mostly ASCII).
 */
export function wideEncodingOfBytes(bytes: Uint8Array): WideEncoding | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) {
    return 'UTF-32BE';
  }
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) {
    return 'UTF-32LE';
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return 'UTF-16BE';
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return 'UTF-16LE';
  }
  return wideEncodingOfPattern(Math.min(bytes.length, sampleLength), (index) => bytes[index] === 0);
}

/** The wide encoding a text decoded as UTF-8 came from, judged by its NULs; undefined when it has none. */
export function wideEncodingOfText(text: string): WideEncoding | undefined {
  const length = Math.min(text.length, sampleLength);
  if (text.slice(0, length).indexOf('\0') < 0) {
    return undefined;
  }
  // A byte order mark read as UTF-8 is one or two U+FFFD; the NULs after it keep their pattern.
  const offset = text.startsWith('\uFFFD\uFFFD') ? 2 : text.startsWith('\uFFFD') ? 1 : 0;
  return wideEncodingOfPattern(Math.min(text.length - offset, sampleLength), (index) => text.charCodeAt(offset + index) === 0);
}

/**
 * ASCII in UTF-16LE is `c 0 c 0`, in UTF-16BE `0 c 0 c`, in UTF-32LE `c 0 0 0`, in UTF-32BE `0 0 0 c`.
 * A position class counts as NUL when at least 90% of its units are; the text part must not be NUL.
 */
function wideEncodingOfPattern(length: number, isNul: (index: number) => boolean): WideEncoding | undefined {
  const units = length - (length % 4);
  if (units < 4) {
    return undefined;
  }
  const nuls = [0, 0, 0, 0];
  for (let index = 0; index < units; index++) {
    if (isNul(index)) {
      nuls[index % 4]++;
    }
  }
  const mostly = (count: number) => count >= 0.9 * (units / 4);
  const rarely = (count: number) => count <= 0.1 * (units / 4);
  const [n0, n1, n2, n3] = nuls.map((count) => (mostly(count) ? 'nul' : rarely(count) ? 'text' : 'mixed'));
  if (n0 === 'text' && n1 === 'nul' && n2 === 'nul' && n3 === 'nul') {
    return 'UTF-32LE';
  }
  if (n0 === 'nul' && n1 === 'nul' && n2 === 'nul' && n3 === 'text') {
    return 'UTF-32BE';
  }
  if (n0 === 'text' && n1 === 'nul' && n2 === 'text' && n3 === 'nul') {
    return 'UTF-16LE';
  }
  if (n0 === 'nul' && n1 === 'text' && n2 === 'nul' && n3 === 'text') {
    return 'UTF-16BE';
  }
  return undefined;
}

/** The one finding a wide-encoded file gets, at its start. */
export function wideEncodingFinding(uri: string, encoding: WideEncoding): Finding {
  const name = `${encoding.slice(0, 6)} (${encoding.endsWith('LE') ? 'little-endian' : 'big-endian'})`;
  return {
    ruleId: YamlRuleIds.syntax,
    severity: 'error',
    message: `This file is saved as ${name}, so it cannot be read as a plan: save it as UTF-8. (In VS Code: click the encoding in the status bar, choose “Save with Encoding”, then “UTF-8”.)`,
    uri,
    span: [0, 0],
  };
}

/** Decodes wide-encoded bytes, to read a `kind:` line from them; a byte order mark is dropped. */
export function decodeWide(bytes: Uint8Array, encoding: WideEncoding): string {
  if (encoding === 'UTF-16LE' || encoding === 'UTF-16BE') {
    return new TextDecoder(encoding === 'UTF-16LE' ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  const width = 4;
  const littleEndian = encoding.endsWith('LE');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text = '';
  for (let offset = 0; offset + width <= bytes.length; offset += width) {
    const code = view.getUint32(offset, littleEndian);
    text += code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
