/**
 * The CLI's entry: `--help` and `--version` are answered before any command is loaded, and with
 * them the app's libraries (SQLite, ExcelJS, pdf-lib, sharp…), which take most of a second;
 * `pdf` commands load only the engine's client.
 */
import { VERSION } from './packageInfo';
import type { PdfFlags } from './pdfCommands';
import { HELP, parseCommandLine } from './usage';

export async function main(argv: string[]): Promise<number> {
  // `unit set` and `letters` answer their own --help.
  if (argv[0] !== 'unit' && argv[0] !== 'letters') {
    let parsed: ReturnType<typeof parseCommandLine> | null = null;
    try {
      parsed = parseCommandLine(argv);
    } catch {
      // A bad option is explained by the commands' own parsing, in Chinese.
    }
    if (parsed?.values.version) return (process.stdout.write(`${VERSION}\n`), 0);
    if (parsed?.values.help || parsed?.positionals.length === 0) return (process.stdout.write(`${HELP}\n`), 0);
    // `pdf` needs no workspace: its own module, without the app's libraries, which would hold
    // up the engine's start by a third of a second.
    if (parsed?.positionals[0] === 'pdf') {
      const { runPdfCommand } = await import('./pdfCommands');
      const [, sub, ...args] = parsed.positionals;
      return runPdfCommand(sub, args, parsed.values as PdfFlags);
    }
  }
  const commands = await import('./main');
  return commands.main(argv);
}
