/**
 * `zhicheng roster import` and `zhicheng records import|export|template`: every sheet HR keeps,
 * through the same import as the app. Exit 0 imported, 2 refused for bad input, 1 unexpected.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { unwrap } from '../../../shared/api/dispatch';
import type { RouteOutput } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import {
  IMPORT_KINDS,
  IMPORT_KIND_LABELS,
  RECORD_IMPORT_KINDS,
  type ImportKind,
} from '../../../shared/records/columns';
import type { App } from '../../services/compose';
import { UsageError } from './usage';
import { exitFor } from './failure';

type Flags = Record<string, string | boolean | undefined>;
type WithApp = <T>(flags: Flags, work: (app: App) => Promise<T>) => Promise<T>;

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function kindFlag(flags: Flags, allowed: readonly string[], required: boolean): ImportKind | undefined {
  const kind = flags.kind;
  if (kind === undefined) {
    if (required) throw new UsageError(`请用 --kind 指定记录种类：${allowed.join('|')}`);
    return undefined;
  }
  if (typeof kind !== 'string' || !allowed.includes(kind)) {
    throw new UsageError(`--kind 应为：${allowed.join('|')}`);
  }
  return kind as ImportKind;
}

/**
 * Imports a file and prints the report. A roster import prints the roster's shape (counts of
 * people, and the education and title records it made); a records import adds its kind and shape.
 */
export async function importCommand(
  command: 'roster' | 'records',
  file: string | undefined,
  flags: Flags,
  withApp: WithApp,
): Promise<number> {
  if (!file) throw new UsageError('请给出要导入的文件');
  const kind = command === 'records' ? kindFlag(flags, IMPORT_KINDS, false) : 'ledger';
  // Every --json failure has the CLI's one shape ({ok: false, code, message}) plus this report's fields.
  // A failure prints this report's fields (empty), then the CLI's one failure shape: code and message.
  const fail = (message: string, exit: number, code = exit === 2 ? 'BAD_INPUT' : 'INTERNAL') => {
    const errors = [{ row: 0, column: '文件', message }];
    const empty = { created: 0, updated: 0, unchanged: 0 };
    if (flags.json) {
      print(
        command === 'roster'
          ? { ok: false, ...empty, errors, notices: [], records: { education: 0, title: 0 }, code, message }
          : { ok: false, kind: kind ?? null, shape: null, ...empty, skipped: 0, notices: [], errors, code, message },
      );
    } else process.stderr.write(`${message}\n`);
    return exit;
  };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return fail(`找不到或无法读取文件「${file}」`, 2);
  }
  return withApp(flags, async (app) => {
    const input = {
      fileName: basename(file),
      base64: bytes.toString('base64'),
      validOnly: flags['valid-only'] === true,
    };
    const envelope =
      command === 'roster'
        ? await app.invoke('roster.import', input)
        : await app.invoke('records.import', { ...input, ...(kind ? { kind } : {}) });
    if (!envelope.ok) return fail(envelope.error.message, exitFor(envelope.error.code), envelope.error.code);
    const report = envelope.value as RouteOutput<'records.import'>;
    const { ok, created, updated, unchanged, skipped, notices, errors } = report;
    if (flags.json) {
      const refusal = report.refused
        ? { code: 'BAD_INPUT', message: `共${errors.length}处错误，文件中的数据都没有写入` }
        : {};
      print(
        command === 'roster'
          ? {
              ok,
              created,
              updated,
              unchanged,
              errors,
              notices,
              records: report.records ?? { education: 0, title: 0 },
              ...refusal,
            }
          : {
              ok,
              kind: report.kind,
              shape: report.shape,
              created,
              updated,
              unchanged,
              skipped,
              notices,
              errors,
              ...refusal,
            },
      );
    } else {
      for (const e of errors)
        process.stderr.write(`第${e.row}行${e.name ? `（${e.name}）` : ''} [${e.column}] ${e.message}\n`);
      for (const notice of notices) process.stdout.write(`提示：${notice}\n`);
      const unit = report.kind === 'ledger' ? '人' : '条';
      const records = report.records
        ? `；学历记录新增${report.records.education}条，职称记录新增${report.records.title}条`
        : '';
      process.stdout.write(
        report.refused
          ? `未导入：共${errors.length}处错误，文件中的数据都没有写入。\n`
          : `已导入（${IMPORT_KIND_LABELS[report.kind]}）：新增${created}${unit}，更新${updated}${unit}，未变${unchanged}${unit}${records}${skipped ? `；跳过表尾等无人员的行${skipped}行` : ''}${errors.length ? `；跳过有错误的行（${errors.length}处）` : ''}。\n`,
      );
    }
    return report.refused ? 2 : 0;
  }).catch((error: unknown) => {
    // A workspace that cannot be opened still answers in the contract's shape.
    if (error instanceof UsageError) return fail(error.message, 2, 'USAGE');
    if (error instanceof AppError) return fail(error.message, exitFor(error.code), error.code);
    return fail(
      '内部错误，导入未完成。请重试；若仍失败，请设置环境变量 ZHICHENG_DEBUG=1 重试并把输出发给技术支持。',
      1,
    );
  });
}

async function writeOut(file: string | undefined, payload: { base64: string }): Promise<void> {
  if (!file) throw new UsageError('请给出输出文件名');
  await writeFile(file, Buffer.from(payload.base64, 'base64'));
  process.stdout.write(`已写入 ${resolve(file)}\n`);
}

export async function recordsCommand(
  sub: string | undefined,
  file: string | undefined,
  flags: Flags,
  withApp: WithApp,
) {
  if (sub === 'import') return importCommand('records', file, flags, withApp);
  if (sub === 'export') {
    const kind = kindFlag(flags, RECORD_IMPORT_KINDS, true) as (typeof RECORD_IMPORT_KINDS)[number];
    if (!file) throw new UsageError('请给出输出文件名');
    await withApp(flags, async (app) => {
      const query = { kind, ...(typeof flags.search === 'string' ? { search: flags.search } : {}) };
      await writeOut(file, unwrap(await app.invoke('records.export', query)) as { base64: string });
    });
    return 0;
  }
  if (sub === 'template') {
    const kind = kindFlag(flags, IMPORT_KINDS, true)!;
    if (!file) throw new UsageError('请给出输出文件名');
    if (kind === 'ledger') {
      const { rosterTemplate } = await import('../../services/roster/rosterWorkbook');
      await writeOut(file, { base64: Buffer.from(await rosterTemplate()).toString('base64') });
    } else {
      const { recordsTemplate } = await import('../../services/records/recordsWorkbook');
      await writeOut(file, { base64: Buffer.from(await recordsTemplate(kind)).toString('base64') });
    }
    return 0;
  }
  throw new UsageError(`未知的命令「records ${sub ?? ''}」`);
}
