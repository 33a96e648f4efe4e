/**
 * The workspace folders the server indexes: those on the local disk. A folder of another scheme (a
 * remote repository opened as `vscode-vfs://github/owner/repo`, `vsls:` for Live Share…) cannot be
 * read with `fs`; it is skipped with a log line, and its open documents are still checked (the client
 * sends their text).
 */
import { fileURLToPath } from 'url';

/** What `initialize` says about the workspace (the LSP's `workspaceFolders` and deprecated `rootUri`). */
export interface WorkspaceFolderParams {
  readonly workspaceFolders?: readonly { readonly uri: string }[] | null;
  readonly rootUri?: string | null;
}

/** Paths of the folders that are on disk, and a line for the log per folder skipped. */
export function localWorkspaceFolders(params: WorkspaceFolderParams): { folders: string[]; skipped: string[] } {
  const uris = params.workspaceFolders?.length ? params.workspaceFolders.map((folder) => folder.uri) : params.rootUri ? [params.rootUri] : [];
  const folders: string[] = [];
  const skipped: string[] = [];
  for (const uri of uris) {
    if (!uri.toLowerCase().startsWith('file:')) {
      skipped.push(`workspace folder ${uri} is not on the local disk: its files are checked when opened, not indexed.`);
      continue;
    }
    try {
      folders.push(fileURLToPath(uri));
    } catch (error) {
      // e.g. `file://server/share` on Linux: a host other than localhost.
      skipped.push(`workspace folder ${uri} cannot be read (${error instanceof Error ? error.message : String(error)}): its files are checked when opened, not indexed.`);
    }
  }
  return { folders, skipped };
}
