/**
 * `zhicheng doc read FILE [--data DIR] [--json]`: what reading a document finds — each page's
 * text (text layer or OCR, turned upright), its type, year, ID numbers and record fields, and
 * with --data the person it belongs to in that workspace's roster. Reads every page. Exit 0
 * read; 2 for a file that cannot be read (missing, damaged, not a PDF or image).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { employees } from '../../../db/schema';
import { identify, type Identification, type RosterEntry } from '../../../shared/reading/identify';
import type { DocumentReading } from '../../../shared/reading/types';
import { createPdfEngine, type PdfEngine } from '../../services/pdf/engine';
import { fail, PdfError } from '../../services/pdf/errors';
import { readDocument } from '../../services/reading/readDocument';
import { exitFor, failureJson } from './failure';
import { openWorkspace } from './openWorkspace';

export interface ReadFlags {
  data?: string;
  json?: boolean;
}

export interface ReadIo {
  stdout: (text: string) => void;
  engine?: PdfEngine;
}

const defaultIo: ReadIo = { stdout: (text) => process.stdout.write(text) };

async function roster(dataDir: string): Promise<RosterEntry[]> {
  const app = await openWorkspace({ dataDir, actor: 'cli' });
  try {
    return app.database.db
      .select({
        personId: employees.id,
        idNumber: employees.idNumber,
        name: employees.name,
        employeeNo: employees.employeeNo,
      })
      .from(employees)
      .all();
  } finally {
    app.close();
  }
}

function describe(reading: DocumentReading, who: Identification | null): string {
  const lines = reading.pages.map(
    (p) =>
      `第 ${p.page} 页（${p.source === 'text' ? '文字层' : '文字识别'}${p.rotated ? `，已旋转 ${p.rotated}°` : ''}，${p.ms} ms）\n${p.text}`,
  );
  lines.push(`材料类型：${reading.type ?? '未识别'}`, `年度：${reading.year ?? '未识别'}`);
  if (who) lines.push(who.person ? `人员：${who.person.name}` : `人员：需人工确认（${who.reason}）`);
  return `${lines.join('\n')}\n`;
}

export async function runDocReadCommand(args: string[], flags: ReadFlags, io: ReadIo = defaultIo): Promise<number> {
  const engine = io.engine ?? createPdfEngine();
  try {
    if (args.length !== 1) throw fail.badArgument('请给出一个要读取的文件');
    const path = args[0]!;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch {
      throw fail.unreadable(basename(path));
    }
    const people = flags.data ? await roster(flags.data) : null;
    const reading = await readDocument(engine, { bytes, name: basename(path) }, { pages: 'all' });
    const who = people ? identify(reading, people) : null;
    if (flags.json) {
      const { pages, type, year, idNumbers, fields } = reading;
      const person = who?.person ? { idNumber: who.person.idNumber, name: who.person.name, by: who.person.by } : null;
      io.stdout(`${JSON.stringify({ ok: true, pages, type, year, idNumbers, person, fields })}\n`);
    } else {
      io.stdout(describe(reading, who));
    }
    return 0;
  } catch (error) {
    const known = error instanceof PdfError ? error : null;
    const code = known?.pdfCode ?? 'INTERNAL';
    const message = known?.message ?? `读取文件时出错：${error instanceof Error ? error.message : String(error)}`;
    if (flags.json) io.stdout(`${JSON.stringify(failureJson(code, message))}\n`);
    else process.stderr.write(`${message}\n`);
    return known ? (code === 'INTERNAL' || code === 'TIMEOUT' ? 1 : 2) : exitFor(code);
  } finally {
    if (!io.engine) await engine.close();
  }
}
