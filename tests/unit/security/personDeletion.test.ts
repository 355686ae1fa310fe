/**
 * Deleting a person takes their personal data with them: records, documents and the library
 * files no one else uses, recorded in the audit log without their ID number.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { heldFilesDir } from '../../../electron/services/backup/heldFiles';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

const ID_A = makeIdNumber('320106', '1990-01-02', 31);
const ID_B = makeIdNumber('320106', '1991-05-06', 42);

function store(employeeId: number, text: string, fileName: string) {
  return ws.app.services.library.store(Buffer.from(text), {
    employeeId,
    materialType: '其他材料',
    fileName,
    mime: 'application/pdf',
    source: '导入',
  });
}

describe('deleting a person', () => {
  it('removes their documents and the files only they used, keeps shared ones, and audits it', async () => {
    const a = (await ws.call('people.save', { name: '张三', idNumber: ID_A, phone: '13812345678' })).person;
    const b = (await ws.call('people.save', { name: '李四', idNumber: ID_B })).person;
    const own = store(a.id, '张三的毕业证书', '毕业证书.pdf');
    const trashed = store(a.id, '张三的旧考核表', '考核表.pdf');
    ws.app.services.repos.documents.setStatus(trashed.id, 'trashed');
    const shared = store(a.id, '同一份单位证明', '单位证明.pdf');
    const others = store(b.id, '同一份单位证明', '单位证明.pdf');
    const file = (doc: { storedPath: string }) => ws.app.services.library.absolute(doc.storedPath);
    expect([own, trashed, shared].every((doc) => existsSync(file(doc)))).toBe(true);

    // Through the route the app uses, not a service built for the test.
    expect(await ws.call('people.delete', { id: a.id })).toEqual({ documents: 3, files: 2 });

    expect(existsSync(file(own))).toBe(false);
    expect(existsSync(file(trashed))).toBe(false);
    // The same bytes are still 李四's document.
    expect(existsSync(file(others))).toBe(true);
    expect(ws.app.services.library.read(others).toString()).toBe('同一份单位证明');
    const rows = ws.app.database.sqlite.prepare('SELECT employee_id AS owner FROM documents').all();
    expect(rows).toEqual([{ owner: b.id }]);
    const audit = ws.app.database.sqlite
      .prepare("SELECT action, entity_id AS id, detail FROM audit_log WHERE action = '删除人员'")
      .all();
    expect(audit).toEqual([{ action: '删除人员', id: a.id, detail: '张三（材料3份，删除文件2个）' }]);
    const everything = JSON.stringify(ws.app.database.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain(ID_A);
    expect(everything).not.toContain('13812345678');
  });

  it('changes nothing when the person does not exist', async () => {
    const b = (await ws.call('people.save', { name: '李四', idNumber: ID_B })).person;
    const doc = store(b.id, '李四的证书', '证书.pdf');
    await expect(ws.call('people.delete', { id: b.id + 100 })).rejects.toThrow(/不存在|找不到/);
    expect(existsSync(ws.app.services.library.absolute(doc.storedPath))).toBe(true);
  });

  it('holds the files with the backups made before: a restore brings them back, and they go with the last such backup', async () => {
    const a = (await ws.call('people.save', { name: '张三', idNumber: ID_A })).person;
    const own = store(a.id, '张三的毕业证书', '毕业证书.pdf');
    const backup = await ws.call('backups.create', {});
    await ws.call('people.delete', { id: a.id });
    const inLibrary = ws.app.services.library.absolute(own.storedPath);
    const held = join(heldFilesDir(ws.app.paths.backupsDir), own.storedPath);
    expect(existsSync(inLibrary)).toBe(false);
    expect(existsSync(held)).toBe(true);

    const restored = await ws.call('backups.restore', { name: backup.name });
    expect(restored.missingFiles).toBe(0);
    expect(readFileSync(inLibrary).toString()).toBe('张三的毕业证书');
    expect(existsSync(held)).toBe(false);

    // Deleted again, and every backup from before the deletion gone: nothing keeps the file.
    await ws.call('people.delete', { id: a.id });
    expect(existsSync(held)).toBe(true);
    for (const b of ws.app.services.backups.list()) rmSync(b.file);
    await ws.call('backups.create', {});
    expect(existsSync(held)).toBe(false);
  });
});
