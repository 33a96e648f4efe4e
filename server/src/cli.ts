/** Entry point of the `plan-audit` command (bundled as `dist/cli.js`); the logic is in `checkCommand.ts`. */
import { exitCodes, internalErrorMessage, runCommandLine } from './checkCommand';

// An error outside the run (a stream error while the output drains) is internal too: exit 3, never 1.
// A reader that closed the pipe early (`plan-audit check . | head`) is not an error of ours.
process.on('uncaughtException', (error) => {
  if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : exitCodes.clean);
  }
  try {
    process.stderr.write(internalErrorMessage(error));
  } finally {
    process.exit(exitCodes.internalError);
  }
});

process.exitCode = runCommandLine(process.argv.slice(2), process.cwd(), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
