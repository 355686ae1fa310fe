/**
 * `zhicheng inbox …` and `zhicheng doc add …`: the scan-folder pipeline and a person's documents
 * from the command line, over the same services as the app. Exit 0 done; 2 refused for bad input
 * (an unknown person or material type, a damaged or unsupported file); 1 anything else. With
 * --json, stdout carries exactly one JSON object.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import { AppError } from '../../../shared/api/errors';
import type { App } from '../../services/compose';
import { openWorkspace } from './openWorkspace';
import { exitFor, failureJson } from './failure';
import { askRunningApp } from './appReads';
import { createInboxService, type InboxService } from '../../services/inbox';
import { createPdfEngine, type PdfEngine } from '../../services/pdf/engine';
import { PdfError } from '../../services/pdf/errors';

export interface InboxFlags {
  data?: string;
  json?: boolean;
  type?: string;
  person?: string;
  out?: string;
  once?: boolean;
  poll?: boolean;
  'no-poll'?: boolean;
  'stable-seconds'?: string;
  after?: string;
  days?: string;
  year?: string;
  'max-wait'?: string;
}

export interface InboxIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The engine to use; by default one is made for the command and closed after it. */
  engine?: PdfEngine;
}

const defaultIo: InboxIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

class Refused extends Error {}

const integer = (value: string | undefined, flag: string, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new Refused(`--${flag} 应为 ${min}–${max} 之间的整数`);
  return n;
};

async function withInbox<T>(
  flags: InboxFlags,
  io: InboxIo,
  work: (inbox: InboxService, app: App) => Promise<T>,
): Promise<T> {
  if (!flags.data) throw new Refused('请用 --data 指定工作区文件夹');
  const app = await openWorkspace({ dataDir: flags.data, actor: 'cli' });
  const engine = io.engine ?? createPdfEngine();
  try {
    const inbox = createInboxService({
      db: app.database.db,
      repos: app.services.repos,
      library: app.services.library,
      engine,
      dataDir: app.paths.root,
    });
    return await work(inbox, app);
  } finally {
    if (!io.engine) await engine.close();
    app.close();
  }
}

function personId(app: App, idNumber: string | undefined): number {
  if (!idNumber) throw new Refused('请用 --person 给出身份证号');
  const parsed = parseIdNumber(idNumber);
  const id = app.services.repos.people.idOf(parsed.ok ? parsed.value.idNumber : idNumber.trim().toUpperCase());
  if (id === null) throw new Refused(`找不到身份证号为「${idNumber}」的人员`);
  return id;
}

export async function runInboxCommand(
  sub: string | undefined,
  args: string[],
  flags: InboxFlags,
  io: InboxIo = defaultIo,
): Promise<number> {
  const print = (value: unknown) => io.stdout(`${JSON.stringify(value, null, flags.json ? undefined : 2)}\n`);
  try {
    if (sub === 'add-folder') {
      const [path] = args;
      if (!path || args.length !== 1) throw new Refused('请给出一个要监视的文件夹');
      if (flags.poll && flags['no-poll']) throw new Refused('--poll 和 --no-poll 只能选一个');
      const after = flags.after ?? 'move';
      if (after !== 'move' && after !== 'delete')
        throw new Refused('--after 应为 move（移到“已处理”）或 delete（过几天后删除）');
      return await withInbox(flags, io, async (inbox, app) => {
        const folder = inbox.folders.add({
          path: resolve(path),
          materialType: flags.type ?? null,
          employeeId: flags.person ? personId(app, flags.person) : null,
          polling: flags.poll ? true : flags['no-poll'] ? false : null,
          stableSeconds: integer(flags['stable-seconds'], 'stable-seconds', 0, 600) ?? null,
          afterFiling: after,
          deleteAfterDays: integer(flags.days, 'days', 0, 3650) ?? 7,
        });
        if (flags.json) print({ ok: true, folder });
        else io.stdout(`已添加监视文件夹 ${folder.path}（编号 ${folder.id}）\n`);
        return 0;
      });
    }
    if (sub === 'folders') {
      const show = (folders: Array<{ id: number; path: string; materialType: string | null }>) => {
        if (flags.json) print({ ok: true, folders });
        else for (const f of folders) io.stdout(`${f.id}\t${f.path}\t${f.materialType ?? ''}\n`);
        return 0;
      };
      try {
        return await withInbox(flags, io, async (inbox) => show(inbox.folders.list()));
      } catch (error) {
        // The app has the workspace open: it answers the reading instead.
        if (!(error instanceof AppError && error.code === 'IN_USE')) throw error;
        const answer = await askRunningApp(flags.data!, 'inbox.folders.list', {});
        if (!answer) throw error;
        if (!answer.ok) throw new AppError(answer.error.code as AppError['code'], answer.error.message);
        return show(answer.value as Array<{ id: number; path: string; materialType: string | null }>);
      }
    }
    if (sub === 'run') {
      return await withInbox(flags, io, async (inbox) => {
        if (!flags.once) {
          const watcher = inbox.start({ onError: (error) => io.stderr(`${(error as Error).message}\n`) });
          io.stdout('正在监视扫描文件夹，按 Ctrl+C 停止。\n');
          await new Promise<void>((done) => {
            process.once('SIGINT', done);
            process.once('SIGTERM', done);
          });
          await watcher.stop();
          return 0;
        }
        const maxWaitMs = (integer(flags['max-wait'], 'max-wait', 0, 3600) ?? 60) * 1000;
        const outcomes = await inbox.pipeline.runOnce({ maxWaitMs });
        const files = outcomes.map((o) => ({
          path: o.path,
          state: o.state,
          personIdNumber: o.personIdNumber,
          personName: o.personName,
          materialType: o.materialType,
          year: o.year,
          documentId: o.documentId,
          matchedBy: o.matchedBy,
          suggestions: o.suggestions,
          outputName: o.outputName,
          outputBytes: o.outputBytes,
          pages: o.pages,
          parentPath: o.parentId === null ? null : (outcomes.find((p) => p.id === o.parentId)?.path ?? null),
          message: o.message,
        }));
        const counts: Record<string, number> = {};
        for (const f of files) counts[f.state] = (counts[f.state] ?? 0) + 1;
        if (flags.json) print({ ok: true, files, counts });
        else {
          for (const f of files) {
            const to = f.personName ? ` → ${f.personName} ${f.materialType ?? ''}${f.year ? ` ${f.year}` : ''}` : '';
            io.stdout(`[${f.state}] ${f.path}${to}${f.message ? `：${f.message}` : ''}\n`);
          }
        }
        return 0;
      });
    }
    if (sub === 'cover') {
      if (!flags.out) throw new Refused('请用 --out 指定输出的 PDF 文件');
      if (!flags.type) throw new Refused('请用 --type 给出材料类型');
      return await withInbox(flags, io, async (inbox, app) => {
        const pdf = await inbox.coverSheets([
          {
            employeeId: personId(app, flags.person),
            materialType: flags.type!,
            year: integer(flags.year, 'year', 1950, 2100) ?? null,
          },
        ]);
        await writeFile(flags.out!, pdf);
        if (flags.json) print({ ok: true, out: resolve(flags.out!), bytes: pdf.length });
        else io.stdout(`已写入 ${resolve(flags.out!)}\n`);
        return 0;
      });
    }
    throw new Refused(`未知的 inbox 子命令「${sub ?? ''}」`);
  } catch (error) {
    return refuse(error, flags, io);
  }
}

export async function runDocCommand(
  sub: string | undefined,
  args: string[],
  flags: InboxFlags,
  io: InboxIo = defaultIo,
): Promise<number> {
  try {
    if (sub !== 'add') throw new Refused(`未知的 doc 子命令「${sub ?? ''}」`);
    if (args.length === 0) throw new Refused('请给出要添加的文件');
    if (!flags.type) throw new Refused('请用 --type 给出材料类型');
    const year = integer(flags.year, 'year', 1950, 2100);
    const files: Array<{ name: string; bytes: Uint8Array }> = [];
    for (const path of args) {
      try {
        files.push({ name: basename(path), bytes: new Uint8Array(await readFile(path)) });
      } catch {
        throw new Refused(`找不到或无法读取文件「${path}」`);
      }
    }
    return await withInbox(flags, io, async (inbox, app) => {
      const documents = await inbox.documents.add({
        employeeId: personId(app, flags.person),
        materialType: flags.type!,
        year: year ?? null,
        files,
        source: '导入',
      });
      if (flags.json) io.stdout(`${JSON.stringify({ ok: true, documents })}\n`);
      else
        for (const d of documents)
          io.stdout(
            d.duplicate
              ? `「${d.name}」与已归档的「${d.fileName}」完全相同，未重复添加\n`
              : `已添加「${d.name}」为「${d.fileName}」（${Math.ceil(d.bytes / 1024)} KB）\n`,
          );
      return 0;
    });
  } catch (error) {
    return refuse(error, flags, io);
  }
}

function refuse(error: unknown, flags: InboxFlags, io: InboxIo): number {
  let code = 'INTERNAL';
  let exit = 1;
  if (error instanceof Refused) {
    code = 'BAD_INPUT';
    exit = 2;
  } else if (error instanceof PdfError) {
    code = error.pdfCode;
    exit = error.code === 'INTERNAL' ? 1 : 2; // INTERNAL, TIMEOUT, ENGINE_CRASHED
  } else if (error instanceof AppError) {
    code = error.code;
    exit = exitFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (flags.json) io.stdout(`${JSON.stringify(failureJson(code, message))}\n`);
  else io.stderr(`${message}\n`);
  return exit;
}
