/**
 * `zhicheng pdf …`: the PDF engine from the command line. Exit 0 done; 2 refused (bad input,
 * or the limit cannot be met above the quality floors; the JSON or message says why); 1 our own
 * failure. With --json, stdout carries exactly one JSON object.
 */
import { PDF_HELP } from './usage';
import { rename, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createPdfEngine, type PdfEngine, type PdfResult } from '../../services/pdf/engine';
import { fail, PdfError } from '../../services/pdf/errors';
import { parsePageList } from '../../services/pdf/pageList';
import { failureJson } from './failure';

export interface PdfFlags {
  'max-bytes'?: string;
  out?: string;
  pages?: string;
  json?: boolean;
}

export interface PdfCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The engine to use; by default one is made for the command and closed after it. */
  engine?: PdfEngine;
}

const defaultIo: PdfCommandIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** "512000", "500KB", "2MB", "10000K": sizes as the portal states them (1 KB = 1024 bytes). */
export function parseMaxBytes(text: string | undefined): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb)?\s*$/i.exec(text ?? '');
  if (!match)
    throw fail.badArgument(`--max-bytes 应为字节数（如 512000）或带单位（如 500KB、2MB），收到「${text ?? ''}」`);
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  return Math.floor(Number(match[1]) * (unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1));
}

async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true });
    throw fail.badArgument(`无法写入输出文件「${file}」`);
  }
}

export async function runPdfCommand(
  sub: string | undefined,
  args: string[],
  flags: PdfFlags,
  io: PdfCommandIo = defaultIo,
): Promise<number> {
  const started = performance.now();
  const engine = io.engine ?? createPdfEngine();
  try {
    const { result, out } = await dispatch(engine, sub, args, flags);
    await writeAtomically(out, result.bytes);
    const ms = Math.round(performance.now() - started);
    if (flags.json) {
      const { inputBytes, outputBytes, pages, changed, dpi, quality } = result;
      io.stdout(`${JSON.stringify({ ok: true, inputBytes, outputBytes, pages, changed, dpi, quality, ms })}\n`);
    } else {
      io.stdout(`${describe(result)}，已写入 ${resolve(out)}（${ms} ms）\n`);
    }
    return 0;
  } catch (error) {
    const pdfError =
      error instanceof PdfError ? error : fail.internal('', error instanceof Error ? error.message : String(error));
    const exit = pdfError.code === 'INTERNAL' ? 1 : 2; // INTERNAL, TIMEOUT, ENGINE_CRASHED
    if (flags.json) {
      const { pdfCode: code, message, bestBytes } = pdfError;
      io.stdout(`${JSON.stringify(failureJson(code, message, { bestBytes }))}\n`);
    } else {
      io.stderr(`${pdfError.message}\n`);
      if (pdfError.pdfCode === 'BAD_ARGUMENT') io.stderr(`\n用法：\n${PDF_HELP}\n`);
    }
    return exit;
  } finally {
    if (!io.engine) await engine.close();
  }
}

async function dispatch(
  engine: PdfEngine,
  sub: string | undefined,
  args: string[],
  flags: PdfFlags,
): Promise<{ result: PdfResult; out: string }> {
  const limit = flags['max-bytes'] === undefined ? undefined : parseMaxBytes(flags['max-bytes']);
  const needOut = () => {
    if (!flags.out) throw fail.badArgument('请用 --out 指定输出的 PDF 文件');
    return flags.out;
  };
  if (sub === 'compress') {
    const [input, out] = args;
    if (!input || !out || args.length !== 2)
      throw fail.badArgument('请给出输入和输出两个文件：pdf compress 输入.pdf 输出.pdf');
    if (limit === undefined) throw fail.badArgument('请用 --max-bytes 给出大小限制');
    return { result: await engine.compress({ path: input }, limit), out };
  }
  if (sub === 'images') {
    const out = needOut();
    if (args.length === 0) throw fail.badArgument('请给出至少一张图片');
    return {
      result: await engine.imagesToPdf(
        args.map((path) => ({ path })),
        limit,
      ),
      out,
    };
  }
  if (sub === 'merge') {
    const out = needOut();
    if (args.length === 0) throw fail.badArgument('请给出要合并的文件');
    return {
      result: await engine.merge(
        args.map((path) => ({ path })),
        limit,
      ),
      out,
    };
  }
  if (sub === 'extract') {
    const out = needOut();
    const [input] = args;
    if (!input || args.length !== 1) throw fail.badArgument('请给出一个输入文件');
    if (!flags.pages) throw fail.badArgument('请用 --pages 给出页码，如 1-3,5');
    return { result: await engine.extractPages({ path: input }, parsePageList(flags.pages), limit), out };
  }
  throw fail.badArgument(`未知的 pdf 子命令「${sub ?? ''}」`);
}

function describe(result: PdfResult): string {
  const size = `${fail.sizes.kb(result.inputBytes)} → ${fail.sizes.kb(result.outputBytes)}，${result.pages} 页`;
  if (!result.changed) return `${size}，未改动`;
  if (result.dpi === null) return `${size}，无损整理`;
  const bilevel = result.imagesBilevel ? `，其中 ${result.imagesBilevel} 页为黑白` : '';
  if (result.quality === null) return `${size}，图像 ${result.dpi} dpi${bilevel}`;
  return `${size}，图像 ${result.dpi} dpi、质量 ${result.quality}${bilevel}`;
}
