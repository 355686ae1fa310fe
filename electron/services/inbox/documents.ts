/**
 * A person's documents by hand: files added (or a replacement) go through the same engine as
 * scans — images to PDF, fitted under the material's limit — with the original kept beside the
 * filed PDF; deleting moves a document to a trash it can be restored from.
 */
import { basename, extname } from 'node:path';
import { sharpLib as sharp } from '../lazyLibraries';
import type { DocumentRow, Repos } from '../../../db';
import type { InboxRepo } from '../../../db/repos/inbox';
import { AppError, notFound } from '../../../shared/api/errors';
import { materialType as findType } from '../../../shared/domain/materials';
import { safeFileName } from '../../../shared/validation/fileNames';
import { sha256Of, writeFileDurably, type Library } from '../library/library';
import { diskFailure } from '../library/diskErrors';
import { fail } from '../pdf/errors';
import { sniff } from '../pdf/sniff';
import { renderName, uniqueName } from './names';
import type { InboxEngine } from './pipeline';
import { limitBytes, readSettings } from './settings';
import { defaultValidUntil } from './validity';

export interface AddedFile {
  name: string;
  bytes: Uint8Array;
}

export interface AddDocumentsInput {
  employeeId: number;
  materialType: string;
  year?: number | null;
  files: AddedFile[];
  /** '手动' from the UI, '导入' from the command line. */
  source?: '手动' | '导入';
  signal?: AbortSignal;
  /** Called as each file is converted and fitted, then once more when all are filed. */
  onProgress?: (done: number, total: number) => void;
}

export interface AddedDocument {
  name: string;
  documentId: number;
  originalDocumentId: number;
  fileName: string;
  bytes: number;
  pages: number | null;
  changed: boolean;
  /** The file was identical to this person's filed document (original or filed PDF): linked to it, not filed again. */
  duplicate: boolean;
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
};
const EXT: Record<string, string> = { pdf: '.pdf', jpeg: '.jpg', png: '.png', tiff: '.tif' };

export function createPersonDocuments(deps: {
  repos: Repos;
  inboxRepo: InboxRepo;
  library: Library;
  engine: InboxEngine;
}) {
  const { repos, inboxRepo: journal, library, engine } = deps;

  function personOrThrow(id: number) {
    const person = journal.person(id);
    if (!person) throw notFound('该人员');
    return person;
  }

  function docOrThrow(id: number): DocumentRow {
    const doc = repos.documents.get(id);
    if (!doc || doc.employeeId === null) throw notFound('该材料');
    return doc;
  }

  /** Converts and fits one file; throws BAD_INPUT (a PdfError) for a damaged or unsupported one. */
  async function prepare(file: AddedFile, type: string, signal?: AbortSignal) {
    const kind = sniff(file.bytes);
    const limit = limitBytes(readSettings(repos), type);
    if (kind === 'pdf')
      return { kind, result: await engine.compress({ bytes: file.bytes, name: file.name }, limit, { signal }) };
    if (kind === 'jpeg' || kind === 'png' || kind === 'tiff') {
      try {
        await sharp(file.bytes, { failOn: 'truncated' }).resize(32).raw().toBuffer();
      } catch {
        throw fail.imageDamaged(file.name);
      }
      return { kind, result: await engine.imagesToPdf([{ bytes: file.bytes, name: file.name }], limit, { signal }) };
    }
    if (kind === 'heic') throw fail.heic(file.name);
    if (kind === 'pdf-with-junk') throw fail.junkBeforeHeader(file.name);
    throw fail.notPdf(file.name);
  }

  /** A full or read-only disk is the user's to fix: say so instead of an internal error. */
  function storeFile(path: string, bytes: Uint8Array): void {
    try {
      writeFileDurably(path, bytes);
    } catch (error) {
      throw diskFailure(error, '添加材料', '这份材料没有存入，已有材料不受影响') ?? error;
    }
  }

  /** This person's document in use that these bytes already are: its filed PDF, or the original it was made from. */
  function filedAs(employeeId: number, originalSha: string, outputSha: string): DocumentRow | null {
    for (const sha of new Set([originalSha, outputSha])) {
      for (const doc of journal.documentsWithSha(sha)) {
        if (doc.employeeId !== employeeId && doc.employeeId !== null) continue;
        if (doc.status === 'active' && doc.employeeId === employeeId) return doc;
        const derived = journal.derivedFrom(doc.id).find((d) => d.employeeId === employeeId);
        if (derived) return derived;
      }
    }
    return null;
  }

  async function add(input: AddDocumentsInput): Promise<AddedDocument[]> {
    const person = personOrThrow(input.employeeId);
    const type = findType(input.materialType);
    if (!type) throw new AppError('BAD_INPUT', `「${input.materialType}」不是已知的材料类型`);
    if (type.perYear && !input.year) throw new AppError('BAD_INPUT', `「${type.type}」按年度归档，请给出年度`);
    if (input.files.length === 0) throw new AppError('BAD_INPUT', '请至少给出一个文件');
    // All files are checked and converted first: a bad one refuses the whole request, nothing half-added.
    const prepared = [];
    const total = input.files.length;
    for (const file of input.files) {
      input.onProgress?.(prepared.length, total);
      prepared.push({ file, ...(await prepare(file, type.type, input.signal)) });
    }
    const settings = readSettings(repos);
    const added: AddedDocument[] = [];
    for (const { file, kind, result } of prepared) {
      const originalSha = sha256Of(file.bytes);
      const same = filedAs(person.id, originalSha, sha256Of(result.bytes));
      if (same) {
        added.push({
          name: file.name,
          documentId: same.id,
          originalDocumentId: same.originalId ?? same.id,
          fileName: same.fileName,
          bytes: same.bytes,
          pages: same.pages,
          changed: false,
          duplicate: true,
        });
        continue;
      }
      const originalPath = library.pathFor(originalSha, EXT[kind] ?? extname(file.name));
      storeFile(library.absolute(originalPath), file.bytes);
      const outSha = sha256Of(result.bytes);
      const outPath = library.pathFor(outSha, '.pdf');
      storeFile(library.absolute(outPath), result.bytes);
      added.push(
        repos.transaction(() => {
          const original = repos.documents.insert({
            employeeId: person.id,
            declarationId: null,
            materialType: type.type,
            year: input.year ?? null,
            title: `原件：${file.name}`,
            fileName: safeFileName(basename(file.name)),
            storedPath: originalPath,
            sha256: originalSha,
            bytes: file.bytes.length,
            mime: MIME[kind] ?? 'application/octet-stream',
            pages: kind === 'pdf' ? result.pages : null,
            source: input.source ?? '手动',
            originalId: null,
            validUntil: null,
          });
          repos.documents.setStatus(original.id, 'superseded');
          const fileName = uniqueName(
            renderName(settings.nameTemplate, {
              姓名: person.name,
              身份证号: person.idNumber,
              工号: person.employeeNo,
              材料类型: type.type,
              年度: input.year ?? null,
              原文件名: basename(file.name, extname(file.name)),
            }),
            journal.fileNamesOf(person.id),
          );
          const doc = repos.documents.insert({
            employeeId: person.id,
            declarationId: null,
            materialType: type.type,
            year: input.year ?? null,
            title: `${type.type}${input.year ? `（${input.year}年）` : ''}`,
            fileName,
            storedPath: outPath,
            sha256: outSha,
            bytes: result.bytes.length,
            mime: 'application/pdf',
            pages: result.pages,
            source: input.source ?? '手动',
            originalId: original.id,
            validUntil: defaultValidUntil(type.type, new Date(), repos),
          });
          repos.audit.record({
            action: '添加材料',
            entity: 'documents',
            entityId: doc.id,
            detail: `${person.name} ${type.type}`,
          });
          return {
            name: file.name,
            documentId: doc.id,
            originalDocumentId: original.id,
            fileName,
            bytes: result.bytes.length,
            pages: result.pages,
            changed: result.changed,
            duplicate: false,
          };
        }),
      );
    }
    input.onProgress?.(total, total);
    return added;
  }

  return {
    /** In use, and (when asked) the trash. */
    list(employeeId: number, options: { trashed?: boolean } = {}): DocumentRow[] {
      personOrThrow(employeeId);
      return journal.documentsOf(employeeId, options.trashed ? ['trashed'] : ['active']);
    },
    add,
    /** The stored bytes of one of a person's documents (filed or original), for preview and download. */
    file(documentId: number): { fileName: string; bytes: Uint8Array; mime: string } {
      const doc = docOrThrow(documentId);
      let bytes: Buffer;
      try {
        bytes = library.read(doc);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('NOT_FOUND', `材料文件「${doc.fileName}」在资料库中找不到，可能已被移走或删除`);
      }
      return { fileName: doc.fileName, bytes, mime: doc.mime };
    },
    /** A new file for the same material: the old document is kept as superseded. */
    async replace(
      documentId: number,
      file: AddedFile,
      options: Pick<AddDocumentsInput, 'signal' | 'onProgress'> = {},
    ): Promise<AddedDocument> {
      const old = docOrThrow(documentId);
      if (old.status !== 'active') throw new AppError('CONFLICT', '只能替换在用的材料');
      const [added] = await add({
        employeeId: old.employeeId!,
        materialType: old.materialType,
        year: old.year,
        files: [file],
        ...options,
      });
      if (added!.documentId === old.id) return added!; // the same file again: nothing to replace
      repos.transaction(() => {
        repos.documents.setStatus(old.id, 'superseded');
        repos.audit.record({ action: '替换材料', entity: 'documents', entityId: old.id, detail: old.materialType });
      });
      return added!;
    },
    /** Corrects a document's year, or enters the last day a 学信网备案表 is valid; absent fields are kept. */
    update(documentId: number, fields: { year?: number | null; validUntil?: string | null }): DocumentRow {
      const doc = docOrThrow(documentId);
      const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      repos.transaction(() => {
        repos.documents.update(doc.id, changes);
        repos.audit.record({ action: '修改材料信息', entity: 'documents', entityId: doc.id, detail: doc.materialType });
      });
      return repos.documents.get(doc.id)!;
    },
    trash(documentId: number): DocumentRow {
      const doc = docOrThrow(documentId);
      if (doc.status !== 'active') throw new AppError('CONFLICT', '该材料不在使用中');
      repos.transaction(() => {
        repos.documents.setStatus(doc.id, 'trashed');
        repos.audit.record({ action: '删除材料', entity: 'documents', entityId: doc.id, detail: doc.materialType });
      });
      return repos.documents.get(doc.id)!;
    },
    restore(documentId: number): DocumentRow {
      const doc = docOrThrow(documentId);
      if (doc.status !== 'trashed') throw new AppError('CONFLICT', '该材料不在回收站中');
      repos.transaction(() => {
        repos.documents.setStatus(doc.id, 'active');
        repos.audit.record({ action: '恢复材料', entity: 'documents', entityId: doc.id, detail: doc.materialType });
      });
      return repos.documents.get(doc.id)!;
    },
  };
}
export type PersonDocuments = ReturnType<typeof createPersonDocuments>;
