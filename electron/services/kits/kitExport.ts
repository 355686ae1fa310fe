/**
 * Upload kits: one folder per applicant, `{序号}_{姓名}/`, holding the PDFs named in the portal's
 * module order, 申报信息.txt and 清单.txt, and optionally the same as a zip. Each kit is built in
 * a temporary folder and renamed into place, so an interrupted export leaves no half-written kit;
 * an existing kit is never overwritten unless the caller says so.
 */
import { zipSync } from 'fflate';
import { copyFile } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError, notFound } from '../../../shared/api/errors';
import type { ChecklistItem } from '../../../shared/batches/checklist';
import { materialType } from '../../../shared/domain/materials';
import { safeFileName } from '../../../shared/validation/fileNames';
import type { BatchRow, DeclarationRow, DocumentRow, Repos } from '../../../db';
import type { BatchService } from '../batches/batchService';
import type { Job } from '../jobs/jobs';
import type { Library } from '../library/library';
import { writeFileDurably } from '../library/library';
import { freePath } from '../library/freePath';
import { isInside } from '../library/storedPath';
import { backupLocation } from '../backup/backupLocation';
import { contentsList, portalFields, type KitFile } from './kitTexts';
import { diskFailure } from '../library/diskErrors';
import { inFlight, rememberExportDir, sweepKitTemps } from './kitTemps';
import { limitBytes, readSettings } from '../inbox/settings';
import { kitSummaryWorkbook } from './kitSummary';
import { KIT_EXPORTED } from '../batches/batchService';

/** Brings an over-limit PDF under its limit (the PDF engine), or says why it cannot. */
export type FitToLimit = (
  bytes: Uint8Array,
  maxBytes: number,
  fileName: string,
) => Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }>;

export interface KitPerson {
  idNumber: string;
  folder: string;
  files: number;
  missing: string[];
  problems: string[];
}

export interface KitExportOptions {
  batchId: number;
  outDir: string;
  zip?: boolean;
  /** Only these declarations (default: the whole batch). */
  declarationIds?: readonly number[];
  overwrite?: boolean;
  job?: Job;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `05_年度考核_2024.pdf`: the module's place, its name, and which item. */
function fileNameFor(item: ChecklistItem, document: DocumentRow, index: number, count: number): string {
  const type = materialType(item.materialType) ?? materialType('其他材料')!;
  const what = item.year !== null ? String(item.year) : item.key === 'history' ? document.materialType : item.label;
  const suffix = count > 1 ? `_${index + 1}` : '';
  const ext = document.fileName.toLowerCase().endsWith('.pdf')
    ? '.pdf'
    : (document.fileName.match(/\.[a-z0-9]+$/i)?.[0] ?? '.pdf');
  return `${safeFileName(`${pad(type.order, 2)}_${type.module.replace('/', '、')}_${what}${suffix}`)}${ext}`;
}

export function createKitExporter(repos: Repos, library: Library, batches: BatchService, fitToLimit?: FitToLimit) {
  async function buildKit(
    batch: BatchRow,
    declaration: DeclarationRow,
    dir: string,
  ): Promise<{ files: KitFile[]; missing: string[]; problems: string[] }> {
    const person = repos.people.get(declaration.employeeId)!;
    // No unit of their own means the default unit, as on the letters.
    const unitId = person.unitId ?? repos.units.defaultId();
    const unit = unitId === null ? null : repos.units.get(unitId);
    const checklist = batches.checklistOf(declaration, batch);
    const limits = readSettings(repos);
    const files: KitFile[] = [];
    const problems: string[] = [];
    const copies: Array<Promise<void>> = [];
    for (const item of checklist.items) {
      for (const [index, documentId] of item.documentIds.entries()) {
        const document = repos.documents.get(documentId)!;
        // A kit holds only its own applicant's files, whatever went wrong upstream.
        if (document.employeeId !== declaration.employeeId)
          throw new Error(`document ${documentId} belongs to another person`);
        const name = fileNameFor(item, document, index, item.documentIds.length);
        // The same limits the inbox files to, as the user set them in 设置.
        const limit = limitBytes(limits, item.materialType);
        if (document.bytes <= limit) {
          // Under its limit: kernel-level copies, run side by side on libuv's threads.
          copies.push(copyFile(library.absolute(document.storedPath), join(dir, name)));
          files.push({ name, bytes: document.bytes });
          continue;
        }
        const fitted = fitToLimit
          ? await fitToLimit(library.read(document), limit, name)
          : { ok: false as const, message: '无法自动压缩' };
        if (!fitted.ok) {
          problems.push(
            `${name} 为 ${(document.bytes / 1024).toFixed(0)} KB，超过 ${limit / 1024} KB 的限制，未放入（${fitted.message}）`,
          );
          continue;
        }
        writeFileSync(join(dir, name), fitted.bytes);
        files.push({ name, bytes: fitted.bytes.length });
      }
    }
    // Wait for every copy, failed or not, before the caller may remove the folder.
    const failed = (await Promise.allSettled(copies)).find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    writeFileSync(join(dir, '申报信息.txt'), portalFields(batch, declaration, person, unit));
    writeFileSync(join(dir, '清单.txt'), contentsList(person, files, checklist, problems));
    return { files, missing: checklist.missing, problems };
  }

  /** Zips a finished kit folder; names are flagged UTF-8 so Explorer and 7-Zip show the Chinese. */
  function zipFolder(dir: string, folder: string): Uint8Array {
    const entries: Record<string, Uint8Array> = {};
    for (const name of readdirSync(dir)) entries[`${folder}/${name}`] = new Uint8Array(readFileSync(join(dir, name)));
    return zipSync(entries, { level: 6 });
  }

  return {
    async export(options: KitExportOptions): Promise<{ out: string; people: KitPerson[]; summaryFile: string }> {
      try {
        return await exportKits(options);
      } catch (error) {
        throw (
          diskFailure(error, '导出上传材料包', '未写完的材料包已清除，已导出完整的材料包和工作区数据不受影响') ?? error
        );
      }
    },
  };

  async function exportKits(
    options: KitExportOptions,
  ): Promise<{ out: string; people: KitPerson[]; summaryFile: string }> {
    const batch = repos.batches.get(options.batchId);
    if (!batch) throw notFound('该申报批次');
    const all = repos.batches.declarations(batch.id);
    const chosen = options.declarationIds ? all.filter((d) => options.declarationIds!.includes(d.id)) : all;
    if (chosen.length === 0) throw new AppError('REFUSED', '该批次中还没有人员');
    const width = Math.max(3, String(Math.max(...chosen.map((d) => d.seq))).length);
    const folderOf = (d: (typeof chosen)[number]) => safeFileName(`${pad(d.seq, width)}_${d.name}`);

    // Kits inside the library or the backups (the workspace's own or a chosen location's) would be
    // taken for the workspace's own files.
    const root = dirname(library.dir);
    if ([library.dir, ...backupLocation(root).dirs].some((dir) => isInside(dir, options.outDir)))
      throw new AppError('BAD_INPUT', '不能导出到工作区的文档库或备份文件夹里，请换一个文件夹');
    mkdirSync(options.outDir, { recursive: true });
    // Remembered before any temp is made, so a kill from here on is swept when the app next opens.
    rememberExportDir(repos, options.outDir);
    // What an export killed half-way left: here, and in the workspace's own exports folder.
    sweepKitTemps(options.outDir);
    sweepKitTemps(join(dirname(library.dir), 'exports'), 1);
    const existing = chosen
      .map(folderOf)
      .filter((f) => existsSync(join(options.outDir, f)) || existsSync(join(options.outDir, `${f}.zip`)));
    if (existing.length > 0 && !options.overwrite) {
      throw new AppError(
        'CONFLICT',
        `导出位置已有 ${existing.length} 人的材料（如 ${existing[0]}），未覆盖。请换一个文件夹，或确认覆盖`,
      );
    }

    const people: KitPerson[] = [];
    for (const [i, row] of chosen.entries()) {
      await options.job?.checkpoint();
      options.job?.progress('导出', i, chosen.length);
      const folder = folderOf(row);
      const temp = join(options.outDir, `.${folder}.${randomBytes(4).toString('hex')}.tmp`);
      mkdirSync(temp);
      inFlight.add(temp);
      try {
        const kit = await buildKit(batch, repos.batches.declaration(row.id)!, temp);
        const final = join(options.outDir, folder);
        if (options.zip) writeFileDurably(join(options.outDir, `${folder}.zip`), zipFolder(temp, folder));
        rmSync(final, { recursive: true, force: true });
        renameSync(temp, final);
        people.push({
          idNumber: row.idNumber,
          folder: final,
          files: kit.files.length,
          missing: kit.missing,
          problems: kit.problems,
        });
      } finally {
        rmSync(temp, { recursive: true, force: true });
        inFlight.delete(temp);
      }
    }
    options.job?.progress('导出', chosen.length, chosen.length);

    // Another batch of the same name may have left its summary here: kept, unless overwriting was asked for.
    const summaryName = safeFileName(`申报汇总_${batch.name}.xlsx`);
    const summaryFile = options.overwrite ? join(options.outDir, summaryName) : freePath(options.outDir, summaryName);
    writeFileDurably(summaryFile, await kitSummaryWorkbook(batch, chosen, people));
    // Per declaration too: 已导出 and 已提交 are only taken without an override once a kit exists.
    for (const row of chosen)
      repos.audit.record({ action: KIT_EXPORTED, entity: 'declarations', entityId: row.id, detail: batch.name });
    repos.audit.record({
      action: '导出上传材料包',
      entity: 'batches',
      entityId: batch.id,
      detail: `${batch.name}：${people.length}人`,
    });
    return { out: options.outDir, people, summaryFile: basename(summaryFile) };
  }
}
export type KitExporter = ReturnType<typeof createKitExporter>;
