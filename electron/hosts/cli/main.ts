/**
 * `zhicheng`: the command line over the same services and the same dispatch() as the app.
 * Exit codes: 0 done, 2 refused for bad input (the JSON or message says why), 1 anything else.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { unwrap } from '../../../shared/api/dispatch';
import type { Envelope, RouteInput, RouteName, RouteOutput } from '../../../shared/api/contract';
import { BATCH_TYPE_ALIASES, type Batch } from '../../../shared/batches/schemas';
import { AppError } from '../../../shared/api/errors';
import {
  AsOf,
  evaluateAll,
  parsePack,
  parsePeople,
  type InputError,
  type Parsed,
} from '../../../shared/eligibility/batch';
import { DEFAULT_PACK } from '../../../shared/eligibility/defaultPack';
import type { App } from '../../services/compose';
import { openWorkspace } from './openWorkspace';
import { ignoreEvents, type EmitEvent } from '../../services/events';
import { diskFailure } from '../../services/library/diskErrors';
import { logInternalError } from '../../services/log';
import { startReminderSchedule } from '../../services/eligibility/reminderSchedule';
import { ensureRendererBuilt } from '../web/rendererBuild';
import { startWebHost } from '../web/webHost';
import { PACKAGE_ROOT, VERSION } from './packageInfo';
import { letters, unitSet } from './lettersCommands';
import { runDocCommand, runInboxCommand, type InboxFlags } from './inboxCommands';
import { runDocReadCommand } from './readCommand';
import { runWorkspaceCommand, type WorkspaceFlags } from './workspaceCommands';
import { chineseArgError } from './argErrors';
import { importCommand, recordsCommand } from './recordsCommands';
import { HELP, parseCommandLine, UsageError } from './usage';
import { exitFor, failureJson } from './failure';
import { askRunningApp, serveReads } from './appReads';
import { DECLARATION_STATUSES, type DeclarationStatus } from '../../../shared/domain/enums';

type Flags = Record<string, string | boolean | undefined>;

function parse(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv);
  return { flags: values as Flags, positionals };
}

async function withApp<T>(flags: Flags, work: (app: App) => Promise<T>): Promise<T> {
  if (typeof flags.data !== 'string') throw new UsageError('请用 --data 指定工作区文件夹');
  const app = await openWorkspace({
    dataDir: flags.data,
    actor: 'cli',
    version: VERSION,
    startup: { integrityCheck: false },
  });
  try {
    return await work(app);
  } finally {
    app.close();
  }
}

async function call<N extends RouteName>(app: App, name: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  return unwrap((await app.invoke(name, input)) as never) as RouteOutput<N>;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

async function writeExport(file: string | undefined, payload: { base64: string }): Promise<void> {
  if (!file) throw new UsageError('请给出输出文件名');
  await writeFile(file, Buffer.from(payload.base64, 'base64'));
  process.stdout.write(`已写入 ${resolve(file)}\n`);
}

/** Reads a JSON file, or fails with a message naming it. */
async function readJson(file: string): Promise<Parsed<unknown>> {
  try {
    return { ok: true, value: JSON.parse(await readFile(file, 'utf8')) as unknown };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '找不到' : '不是有效的 JSON';
    return { ok: false, error: { person: null, field: file, message: `文件「${file}」${why}` } };
  }
}

async function eligibility(flags: Flags): Promise<number> {
  const refuse = ({ message, ...where }: InputError) => {
    print(failureJson('BAD_INPUT', message, where));
    return 2;
  };
  const asOf = AsOf.safeParse(flags['as-of']);
  if (!asOf.success)
    return refuse({ person: null, field: '--as-of', message: '--as-of 应为 YYYY-MM-DD 格式的真实日期' });
  if (typeof flags.in === 'string') {
    const json = await readJson(flags.in);
    if (!json.ok) return refuse(json.error);
    const people = parsePeople(json.value);
    if (!people.ok) return refuse(people.error);
    let pack = DEFAULT_PACK;
    if (typeof flags.pack === 'string') {
      const packJson = await readJson(flags.pack);
      if (!packJson.ok) return refuse(packJson.error);
      const parsed = parsePack(packJson.value);
      if (!parsed.ok) return refuse(parsed.error);
      pack = parsed.value;
    }
    print(evaluateAll(people.value, pack, asOf.data));
    return 0;
  }
  try {
    return await withApp(flags, async (app) => {
      print(app.services.eligibility.evaluateWorkspace(asOf.data));
      return 0;
    });
  } catch (error) {
    // The app has the workspace open: it answers the reading instead.
    if (!(error instanceof AppError && error.code === 'IN_USE')) throw error;
    const answer = await askRunningApp(flags.data as string, 'eligibility.evaluate', { asOf: asOf.data });
    if (!answer) throw error;
    return report({ json: true }, answer, () => '', true);
  }
}

/**
 * Prints a result (JSON or text) and turns an API failure into exit code 2 (bad input, refused) or 1.
 * `bare` prints the value as it is, without `ok` (the eligibility command's documented output).
 */
function report(flags: Flags, envelope: Envelope<unknown>, text: (value: never) => string, bare = false): number {
  if (!envelope.ok) {
    const { code, message, details } = envelope.error;
    if (flags.json) print(failureJson(code, message, details));
    else process.stderr.write(`${message}\n`);
    return exitFor(code);
  }
  if (flags.json) print(bare ? envelope.value : { ok: true, ...(envelope.value as object) });
  else process.stdout.write(`${text(envelope.value as never)}\n`);
  return 0;
}

const numberFlag = (flags: Flags, name: string): number => {
  const value = Number(flags[name]);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} 应为正整数`);
  return value;
};

const notFoundPerson = (flags: Flags): Envelope<never> => ({
  ok: false,
  error: { code: 'NOT_FOUND', message: `找不到身份证号为「${String(flags.person ?? '')}」的人员` },
});

async function batchCommand(sub: 'create' | 'add' | 'status', flags: Flags): Promise<number> {
  return withApp(flags, async (app) => {
    if (sub === 'create') {
      const type = BATCH_TYPE_ALIASES[String(flags.type ?? '')];
      if (!type) throw new UsageError('--type 应为 初定、评审、历史登记 或 补办');
      const envelope = await app.invoke('batches.save', { name: flags.name, type, region: flags.region ?? null });
      const result: Envelope<unknown> = envelope.ok
        ? { ok: true, value: { id: (envelope.value as Batch).id, batch: envelope.value } }
        : envelope;
      return report(flags, result, (v: { id: number }) => `已新建申报批次，编号 ${v.id}`);
    }
    if (sub === 'status') return batchStatus(app, flags);
    const batchId = numberFlag(flags, 'batch');
    const idNumber = String(flags.person ?? '').toUpperCase();
    const personId = app.services.repos.people.idOf(idNumber);
    if (personId === null) return report(flags, notFoundPerson(flags), () => '');
    const envelope = await app.invoke('batches.addPeople', {
      batchId,
      people: [{ personId, targetLevel: flags.level ?? null, specialty: flags.specialty ?? null }],
    });
    // The declaration (new, or the one already there) so a script can go on with `batch status`.
    const declaration = app.services.repos.batches.findDeclaration(batchId, personId);
    const result: Envelope<unknown> = envelope.ok
      ? {
          ok: true,
          value: {
            ...(envelope.value as RouteOutput<'batches.addPeople'>),
            declarations: declaration ? [{ id: declaration.id, idNumber }] : [],
          },
        }
      : envelope;
    return report(flags, result, (v: RouteOutput<'batches.addPeople'>) =>
      v.added ? '已加入批次' : `未加入：${v.skipped.map((s) => s.reason).join('；')}`,
    );
  });
}

/** `batch status`: one declaration, named by its id or by batch and 身份证号, moved to `--to`. */
async function batchStatus(app: App, flags: Flags): Promise<number> {
  const to = String(flags.to ?? '');
  if (!DECLARATION_STATUSES.includes(to as DeclarationStatus))
    throw new UsageError(`--to 应为 ${DECLARATION_STATUSES.filter((s) => s !== '准备中').join('、')} 之一`);
  if (flags.force && typeof flags.reason !== 'string')
    throw new UsageError('--force 须与 --reason 一起给出越过检查的理由');
  let id: number;
  if (flags.declaration !== undefined) id = numberFlag(flags, 'declaration');
  else {
    if (flags.batch === undefined || flags.person === undefined)
      throw new UsageError('请用 --declaration 指定申报，或用 --batch 与 --person 指定');
    const batchId = numberFlag(flags, 'batch');
    const personId = app.services.repos.people.idOf(String(flags.person).toUpperCase());
    if (personId === null) return report(flags, notFoundPerson(flags), () => '');
    const found = app.services.repos.batches.findDeclaration(batchId, personId);
    if (!found)
      return report(
        flags,
        { ok: false, error: { code: 'NOT_FOUND', message: `该人员不在编号为 ${batchId} 的批次中` } },
        () => '',
      );
    id = found.id;
  }
  const moved = await app.invoke('declarations.setStatus', {
    ids: [id],
    status: to as DeclarationStatus,
    reason: typeof flags.reason === 'string' ? flags.reason : null,
    force: flags.force === true,
  });
  if (!moved.ok) return report(flags, moved, () => '');
  const detail = await app.invoke('declarations.get', { id });
  const result: Envelope<unknown> = detail.ok
    ? { ok: true, value: { declaration: (detail.value as RouteOutput<'declarations.get'>).declaration } }
    : detail;
  return report(flags, result, (v: { declaration: { name: string; status: string } }) => {
    return `已将${v.declaration.name}的申报改为「${v.declaration.status}」`;
  });
}

async function kitExport(flags: Flags): Promise<number> {
  if (typeof flags.out !== 'string') throw new UsageError('请用 --out 指定导出文件夹');
  const outDir = resolve(flags.out);
  return withApp(flags, async (app) => {
    const started = Date.now();
    let envelope: Envelope<unknown>;
    try {
      const value = await app.services.kits.export({
        batchId: numberFlag(flags, 'batch'),
        outDir,
        zip: flags.zip === true,
        overwrite: flags.overwrite === true,
      });
      envelope = { ok: true, value: { ...value, ms: Date.now() - started } };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      envelope = { ok: false, error: { code: error.code, message: error.message } };
    }
    return report(flags, envelope, (v: { people: Array<{ folder: string; missing: string[] }> }) =>
      v.people.map((p) => `${p.folder}${p.missing.length ? `（缺少 ${p.missing.length} 项）` : ''}`).join('\n'),
    );
  });
}

async function serve(flags: Flags): Promise<number> {
  if (typeof flags.data !== 'string') throw new UsageError('请用 --data 指定工作区文件夹');
  // The host needs the app and the app's events need the host: tie the knot after both exist.
  let emitToHost: EmitEvent = ignoreEvents;
  const app = await openWorkspace({
    dataDir: flags.data,
    actor: 'web',
    version: VERSION,
    emit: (name, payload) => emitToHost(name, payload),
  });
  const host = await startWebHost({
    app,
    staticDir: ensureRendererBuilt(PACKAGE_ROOT),
    port: typeof flags.port === 'string' ? Number(flags.port) : 0,
  });
  emitToHost = host.emit;
  const stopReads = await serveReads(app);
  const stopReminders = startReminderSchedule(app.services.eligibility);
  app.services.inbox.start();
  process.stdout.write(`职称申报工作台已在本机启动，请用浏览器打开：\n${host.url}\n按 Ctrl+C 停止。\n`);
  const stop = async () => {
    stopReminders();
    await stopReads();
    await host.close();
    app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {}); // runs until stopped
}

export async function main(argv: string[]): Promise<number> {
  // These two parse their own flags (repeatable --set, --no-merge …).
  if (argv[0] === 'unit' && argv[1] === 'set') return unitSet(argv.slice(2));
  if (argv[0] === 'letters') return letters(argv.slice(1));
  // With --json every outcome is one JSON object on stdout, failures included.
  const json = argv.includes('--json');
  const refuse = (code: string, message: string, help: boolean) => {
    if (json) print(failureJson(code, message));
    process.stderr.write(help ? `${message}\n\n${HELP}\n` : `${message}\n`);
  };
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    refuse('USAGE', chineseArgError(error), true);
    return 2;
  }
  const { flags, positionals } = parsed;
  const [command, sub, arg] = positionals;
  if (flags.version) return (process.stdout.write(`${VERSION}\n`), 0);
  if (flags.help || !command) return (process.stdout.write(`${HELP}\n`), 0);
  try {
    if (command === 'roster' && sub === 'import') return await importCommand('roster', arg, flags, withApp);
    if (command === 'records') return await recordsCommand(sub, arg, flags, withApp);
    if (command === 'roster' && sub === 'export') {
      const query = {
        ...(typeof flags.search === 'string' ? { search: flags.search } : {}),
        ...(typeof flags.department === 'string' ? { department: flags.department } : {}),
      };
      await withApp(flags, async (app) => writeExport(arg, await call(app, 'roster.export', query)));
      return 0;
    }
    if (command === 'roster' && sub === 'template') {
      const { rosterTemplate } = await import('../../services/roster/rosterWorkbook');
      await writeExport(arg, { base64: Buffer.from(await rosterTemplate()).toString('base64') });
      return 0;
    }
    if (command === 'eligibility') return await eligibility(flags);
    if (command === 'batch' && (sub === 'create' || sub === 'add' || sub === 'status'))
      return await batchCommand(sub, flags);
    if (command === 'kit' && sub === 'export') return await kitExport(flags);
    if (command === 'inbox') return await runInboxCommand(sub, positionals.slice(2), flags as InboxFlags);
    if (command === 'doc' && sub === 'read') return await runDocReadCommand(positionals.slice(2), flags);
    if (command === 'doc') return await runDocCommand(sub, positionals.slice(2), flags as InboxFlags);
    if (command === 'workspace') return await runWorkspaceCommand(sub, positionals.slice(2), flags as WorkspaceFlags);
    if (command === 'serve') return await serve(flags);
    throw new UsageError(`未知的命令「${positionals.join(' ')}」`);
  } catch (error) {
    if (error instanceof UsageError) {
      refuse('USAGE', error.message, true);
      return 2;
    }
    if (error instanceof AppError) {
      refuse(error.code, error.message, false);
      return exitFor(error.code);
    }
    // A disk that is full or read-only is the user's to fix; anything else is ours, and a
    // library's English message is no use to the user: it goes to the log, on request.
    const disk = diskFailure(error, '操作', '已完成的部分不受影响');
    if (disk) {
      refuse(disk.code, disk.message, false);
      return 2;
    }
    if (process.env['ZHICHENG_DEBUG']) logInternalError(command, error);
    refuse(
      'INTERNAL',
      '内部错误，操作未完成。请重试；若仍失败，请设置环境变量 ZHICHENG_DEBUG=1 重试并把输出发给技术支持。',
      false,
    );
    return 1;
  }
}
