/**
 * Personal data never reaches the log, end to end: the real CLI imports a roster into a workspace
 * whose database raises an error carrying the row's 身份证号 and phone (a trigger, so SQLite itself
 * produces the message), and everything the process writes is searched for them.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactForLog } from '../../../electron/services/log';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir } from '../../support/workspace';
import { rmSync } from 'node:fs';

const ROOT = join(import.meta.dirname, '../../..');
const dir = tempDir('zhicheng-log-');
const idNumber = makeIdNumber('320102', '1988-03-15', 17);
const mobile = '13912345678';
const landline = '025-83456789';

beforeAll(async () => {
  const ws = await openTestWorkspace(dir);
  ws.app.database.sqlite.exec(`
    CREATE TRIGGER leak BEFORE INSERT ON employees
    BEGIN SELECT RAISE(ABORT, 'refused ' || NEW.id_number || ' phone ' || NEW.phone || ' office ${landline}'); END;`);
  ws.app.close();
  writeFileSync(join(dir, 'roster.csv'), `姓名,身份证号,手机,部门\n张伟,${idNumber},${mobile},技术部\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the log', () => {
  it('masks ID numbers and phones in an internal error the services log', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/zhicheng.mjs'), 'roster', 'import', join(dir, 'roster.csv'), '--data', dir],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    // The error was logged, with its (masked) cause…
    expect(run.stderr).toMatch(
      /roster\.import 内部错误：.*refused 320102\*{8}\d{3}[\dX] phone 139\*{4}5678 office 025-\*{4}6789/,
    );
    // …the user was told in Chinese…
    expect(run.stderr).toContain('内部错误，操作未完成');
    // …and the numbers themselves are nowhere.
    expect(output).not.toContain(idNumber);
    expect(output).not.toContain(mobile);
    expect(output).not.toContain('83456789');
  });

  it('masks the spellings people type: +86, spaces, dashes, landlines', () => {
    const text = `${idNumber.toLowerCase()} +86 139 1234 5678 0086-13912345678 139-1234-5678 0512 6812 3456 010-12345678-123`;
    expect(redactForLog(text)).toBe(
      `${idNumber.slice(0, 6)}********${idNumber.slice(14).toLowerCase()} 139****5678 139****5678 139****5678 0512-****3456 010-****5678`,
    );
  });

  it('leaves dates, times, line numbers and hashes readable', () => {
    const text = 'at 2026-05-01T12:00:00.000Z row 12345 file:///x/y.js:1234:56 sha 0a1b2c3d9f 1234567890123456789012';
    expect(redactForLog(text)).toBe(text);
  });
});
