/** Entry point of the `plan-audit` command (bundled as `dist/cli.js`); the logic is in `checkCommand.ts`. */
import { main } from './checkCommand';

process.exitCode = main(process.argv.slice(2), process.cwd(), (text) => process.stdout.write(text), (text) => process.stderr.write(text));
