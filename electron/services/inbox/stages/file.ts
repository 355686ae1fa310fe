import { rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { InboxFileRow } from '../../../../db/repos/inbox';
import { textOfPages } from '../../../../shared/reading/extract';
import { sha256Of, writeFileDurably } from '../../library/library';
import { cleared, type InboxContext } from '../context';
import { renderName, uniqueName } from '../names';
import { finishParentOf, release } from '../release';
import { readSettings } from '../settings';
import { always, type Stage } from '../stage';
import { describeFsError, fsCode } from '../states';
import { defaultValidUntil } from '../validity';
import { readingOf } from './read';
import { redo } from './redo';

/** COMPRESSED → FILED: into the library under its own hash, then the document row, in one commit. */
export const fileStage: Stage = {
  from: 'compressed',
  doing: '归档',
  commits: ['filed', 'duplicate', 'needs_review', 'converted', 'quarantined'],
  ableToRun: always,
  run: file,
};

async function file(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const { fs, journal, library, repos } = ctx;
  const out = join(ctx.workOf(row), 'compressed.pdf');
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(out);
  } catch (error) {
    if (fsCode(error) === 'ENOENT') return redo(ctx, row, 'converted', '压缩结果丢失');
    throw error;
  }
  if (sha256Of(bytes) !== row.outputSha256) return redo(ctx, row, 'converted', '压缩结果校验不一致');
  const person = journal.person(row.employeeId!);
  if (!person) return ctx.move(row, 'needs_review', { reviewReason: '匹配到的人员已被删除', failedState: 'read' });
  const storedPath = library.pathFor(row.outputSha256, '.pdf');
  const absolute = library.absolute(storedPath);
  if (!(await fs.exists(absolute)) || sha256Of(await fs.readFile(absolute)) !== row.outputSha256) {
    writeFileDurably(absolute, bytes);
  }
  ctx.probe('file:stored', row);
  const settings = readSettings(repos);
  const committed = repos.transaction(() => {
    const current = journal.file(row.id)!;
    if (current.state !== 'compressed') return current;
    // The PDF it became is already this person's document (e.g. a renamed copy of a filed one): linked, not filed twice.
    const same = journal
      .documentsWithSha(row.outputSha256!)
      .find((d) => d.status === 'active' && d.employeeId === person.id);
    if (same)
      return journal.transition(
        row.id,
        'duplicate',
        { duplicateOfDocId: same.id, duplicateOfFileId: null, ...cleared, nextAt: null },
        `与已归档的「${same.fileName}」完全相同`,
      );
    // Its document was made already (a commit cut short after it): it is filed, not to be made again.
    if (current.documentId !== null) return journal.transition(row.id, 'filed', { ...cleared, nextAt: null });
    const fileName = uniqueName(
      renderName(settings.nameTemplate, {
        姓名: person.name,
        身份证号: person.idNumber,
        工号: person.employeeNo,
        材料类型: row.materialType,
        年度: row.year,
        原文件名: basename(row.sourceName, extname(row.sourceName)),
      }),
      journal.fileNamesOf(person.id),
    );
    const reading = readingOf(ctx, row);
    // A 学信网备案表 is valid from its own 更新日期, and the portal asks for its 在线验证码.
    const filing = row.materialType === '学信网备案表' ? (reading?.filing ?? {}) : {};
    const validFrom =
      filing.updatedOn && /^\d{4}-\d{2}-\d{2}$/.test(filing.updatedOn) ? new Date(filing.updatedOn) : null;
    const doc = repos.documents.insert({
      employeeId: person.id,
      declarationId: null,
      materialType: row.materialType!,
      year: row.year,
      title: `${row.materialType}${row.year ? `（${row.year}年）` : ''}`,
      fileName,
      storedPath,
      sha256: row.outputSha256!,
      bytes: bytes.length,
      mime: 'application/pdf',
      pages: row.pages,
      source: '扫描',
      originalId: row.originalDocId,
      validUntil: defaultValidUntil(row.materialType!, validFrom ?? new Date(ctx.now()), repos),
      verificationCode: filing.verificationCode ?? null,
    });
    // Its text, searchable by content.
    const text = reading ? textOfPages(reading.pages) : '';
    if (text) repos.documentText.put(doc.id, text);
    // A whole file's original is this person's; a stack's stays shared.
    if (row.originalDocId && row.parentId === null) {
      journal.updateDocument(row.originalDocId, {
        employeeId: person.id,
        materialType: row.materialType!,
        year: row.year,
      });
    }
    repos.audit.record({
      action: '扫描件归档',
      entity: 'documents',
      entityId: doc.id,
      detail: `${person.name} ${row.materialType}${row.year ? ` ${row.year}年` : ''}`,
    });
    return journal.transition(row.id, 'filed', {
      documentId: doc.id,
      outputName: fileName,
      ...cleared,
      nextAt: null,
    });
  });
  if (committed.state === 'duplicate') {
    ctx.announce(committed);
    rmSync(ctx.workOf(row), { recursive: true, force: true });
    await release(ctx, committed).catch((error: unknown) => journal.note(row.id, describeFsError(error, '清理源文件')));
    await finishParentOf(ctx, row);
    return journal.file(row.id)!;
  }
  ctx.probe('state:filed', committed);
  ctx.announce(committed);
  ctx.emit('inbox.documents', { personId: person.id });
  rmSync(ctx.workOf(row), { recursive: true, force: true });
  return committed;
}
