/**
 * The CLI's entry: `--help` and `--version` are answered before any command is loaded, and with
 * them the app's libraries (SQLite, ExcelJS, pdf-lib, sharp…), which take most of a second.
 */
import { parseArgs } from 'node:util';
import { VERSION } from './packageInfo';
import { HELP, OPTIONS } from './usage';

export async function main(argv: string[]): Promise<number> {
  // `unit set` and `letters` answer their own --help.
  if (argv[0] !== 'unit' && argv[0] !== 'letters') {
    let asked: { version: boolean; help: boolean } | null = null;
    try {
      const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
      asked = { version: values.version === true, help: values.help === true || positionals.length === 0 };
    } catch {
      // A bad option is explained by the commands' own parsing, in Chinese.
    }
    if (asked?.version) return (process.stdout.write(`${VERSION}\n`), 0);
    if (asked?.help) return (process.stdout.write(`${HELP}\n`), 0);
  }
  const commands = await import('./main');
  return commands.main(argv);
}
