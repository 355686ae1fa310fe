/**
 * `zhicheng unit set` and `zhicheng letters`: each parses its own flags (main.ts hands over the
 * arguments after the command words) and returns the exit code: 0 done, 2 refused for bad input
 * (the JSON says why, naming the person and field), 1 anything else.
 *
 *   zhicheng unit set --data DIR --name 名称 --credit-code 代码 [--region 地区] [--seal 印章.png]
 *        [--contact-name 联系人] [--contact-phone 电话] [--address 地址] [--json]
 *   zhicheng letters --data DIR --template consent|pledge|模板编号 (--batch ID | --people 身份证号,… | --all)
 *        --out DIR [--date YYYY-MM-DD] [--publicity-start YYYY-MM-DD --publicity-end YYYY-MM-DD]
 *        [--set 字段=值 …] [--no-merge] [--allow-ineligible] [--json]
 */
import { LETTERS_HELP } from './usage';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../../shared/api/errors';
import type { Unit } from '../../../shared/domain/schemas';
import { parseCreditCode } from '../../../shared/validation/creditCode';
import { isRealDate } from '../../../shared/validation/dates';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import type { App } from '../../services/compose';
import { openWorkspace } from './openWorkspace';
import {
  createLettersService,
  type GenerateRequest,
  type GenerateResult,
  type LettersService,
} from '../../services/letters/lettersService';
import { isPlaceholderKey } from '../../../shared/letters/placeholders';
import type { PreparedSeal } from '../../services/letters/seal';
import { CREATE_NEW, freePath } from '../../services/library/freePath';
import { VERSION } from './packageInfo';
import { chineseArgError } from './argErrors';
import { exitFor, failureJson } from './failure';

type Flags = Record<string, string | boolean | string[] | undefined>;

class Refusal extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function parse(args: string[], options: ParseArgsConfig['options']): Flags {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Flags;
  } catch (error) {
    throw new Refusal(chineseArgError(error));
  }
}

const text = (flags: Flags, name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);

/** Maps an error to the exit code and prints it the way the command's output is printed. */
function fail(error: unknown, json: boolean): number {
  const refused = error instanceof Refusal || (error instanceof AppError && exitFor(error.code) === 2);
  const code = error instanceof AppError ? error.code : refused ? 'BAD_INPUT' : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const field = error instanceof Refusal ? error.field : null;
  if (json) print(failureJson(code, message, { field }));
  else process.stderr.write(`${refused ? '' : '出错了：'}${message}\n`);
  return refused ? 2 : 1;
}

async function withApp<T>(flags: Flags, work: (app: App) => Promise<T>): Promise<T> {
  const data = text(flags, 'data');
  if (!data) throw new Refusal('请用 --data 指定工作区文件夹', '--data');
  const app = await openWorkspace({ dataDir: data, actor: 'cli', version: VERSION });
  try {
    return await work(app);
  } finally {
    app.close();
  }
}

/** The app's letters service (its own once compose.ts provides one). */
function lettersOf(app: App): LettersService {
  const wired = (app.services as { letters?: LettersService }).letters;
  return (
    wired ?? createLettersService({ db: app.database.db, repos: app.services.repos, library: app.services.library })
  );
}

// ── unit set ──────────────────────────────────────────────────────────────────────
const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');

export async function unitSet(args: string[]): Promise<number> {
  if (wantsHelp(args)) return (process.stdout.write(`${LETTERS_HELP}\n`), 0);
  let json = args.includes('--json');
  try {
    const flags = parse(args, {
      data: { type: 'string' },
      name: { type: 'string' },
      'credit-code': { type: 'string' },
      region: { type: 'string' },
      seal: { type: 'string' },
      'contact-name': { type: 'string' },
      'contact-phone': { type: 'string' },
      address: { type: 'string' },
      json: { type: 'boolean' },
    });
    json = flags.json === true;
    const raw = text(flags, 'credit-code');
    if (!raw) throw new Refusal('请用 --credit-code 给出统一社会信用代码', '统一社会信用代码');
    const code = parseCreditCode(raw);
    if (!code.ok) throw new Refusal(code.message, '统一社会信用代码');
    const sealFile = text(flags, 'seal');
    let sealBytes: Uint8Array | null = null;
    if (sealFile) {
      try {
        sealBytes = new Uint8Array(await readFile(sealFile));
      } catch {
        throw new Refusal(`找不到或无法读取印章文件「${sealFile}」`, '--seal');
      }
    }
    return await withApp(flags, async (app) => {
      const letters = lettersOf(app);
      const existing = app.services.repos.units.byCreditCode(code.value);
      const name = text(flags, 'name') ?? existing?.name;
      if (!name) throw new Refusal('新增单位需要用 --name 给出单位全称', '单位名称');
      // Check the seal before saving anything: a bad scan changes nothing.
      const prepared: PreparedSeal | null = sealBytes ? await letters.checkSeal(sealBytes, name) : null;
      const pick = (flag: string, current: string | null | undefined) => text(flags, flag) ?? current ?? null;
      const envelope = await app.invoke('units.save', {
        ...(existing ? { id: existing.id } : {}),
        name,
        creditCode: code.value,
        nature: existing?.nature ?? null,
        region: pick('region', existing?.region),
        authority: existing?.authority ?? null,
        contactName: pick('contact-name', existing?.contactName),
        contactPhone: pick('contact-phone', existing?.contactPhone),
        address: pick('address', existing?.address),
      });
      if (!envelope.ok) throw new AppError(envelope.error.code as AppError['code'], envelope.error.message);
      let unit = envelope.value as Unit;
      let seal = null;
      if (sealBytes && prepared) {
        const imported = await letters.importSeal(unit.id, sealBytes, basename(sealFile!), prepared);
        seal = {
          documentId: imported.documentId,
          storedPath: imported.storedPath,
          width: imported.width,
          height: imported.height,
          warnings: imported.warnings,
        };
        unit = app.services.repos.units.get(unit.id)!;
      }
      if (json) print({ ok: true, created: !existing, unit, seal });
      else {
        process.stdout.write(
          `${existing ? '已修改' : '已新增'}单位「${unit.name}」${unit.isDefault ? '（默认单位）' : ''}\n`,
        );
        if (seal)
          process.stdout.write(`已导入公章${seal.warnings.length ? `；注意：${seal.warnings.join('；')}` : ''}\n`);
      }
      return 0;
    });
  } catch (error) {
    return fail(error, json);
  }
}

// ── letters ─────────────────────────────────────────────────────────────────────
export interface LettersJson {
  ok: boolean;
  /** When not ok: NOT_ELIGIBLE when that is every problem, else LETTER_PROBLEMS (or CANCELLED). */
  code?: string;
  message?: string;
  template: string;
  count: number;
  totalBytes: number;
  ms: number;
  letters: Array<{
    idNumber: string;
    name: string;
    file: string;
    bytes: number;
    documentId: number | null;
    template: string;
  }>;
  merged: { file: string; bytes: number; pages: number } | null;
  problems: Array<{
    idNumber: string;
    name: string;
    code: string;
    field: string | null;
    char: string | null;
    message: string;
    blockers?: string[];
  }>;
  warnings: string[];
  cancelled: boolean;
}

function parseDateFlag(flags: Flags, name: string): string | undefined {
  const value = text(flags, name);
  if (value !== undefined && !isRealDate(value))
    throw new Refusal(`--${name} 应为 YYYY-MM-DD 格式的真实日期`, `--${name}`);
  return value;
}

function parseValues(flags: Flags): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of (flags.set as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    const key = at < 0 ? pair : pair.slice(0, at).trim();
    if (at < 0 || !isPlaceholderKey(key)) {
      throw new Refusal(`--set「${pair}」应写成 字段=值，字段须是模板占位符之一（如 受理单位=…）`, '--set');
    }
    values[key] = pair.slice(at + 1).trim();
  }
  return values;
}

/** A run that left letters unmade carries the failure shape's code and message too. */
function outcome(result: GenerateResult): Pick<LettersJson, 'code' | 'message'> {
  if (result.cancelled) return { code: 'CANCELLED', message: '已取消，未生成的信函没有写出' };
  if (result.problems.length === 0) return {};
  const people = new Set(result.problems.map((p) => p.idNumber)).size;
  return result.problems.every((p) => p.code === 'NOT_ELIGIBLE')
    ? { code: 'NOT_ELIGIBLE', message: `${people}人按申报规则受阻，未生成；确认后可加 --allow-ineligible` }
    : { code: 'LETTER_PROBLEMS', message: `${people}人的信函未生成，原因见 problems` };
}

export async function letters(args: string[]): Promise<number> {
  if (wantsHelp(args)) return (process.stdout.write(`${LETTERS_HELP}\n`), 0);
  let json = args.includes('--json');
  try {
    const flags = parse(args, {
      data: { type: 'string' },
      template: { type: 'string' },
      batch: { type: 'string' },
      people: { type: 'string' },
      all: { type: 'boolean' },
      out: { type: 'string' },
      date: { type: 'string' },
      'publicity-start': { type: 'string' },
      'publicity-end': { type: 'string' },
      set: { type: 'string', multiple: true },
      'no-merge': { type: 'boolean' },
      'allow-ineligible': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    json = flags.json === true;
    const template = text(flags, 'template');
    if (!template) throw new Refusal('请用 --template 指定模板：consent、pledge 或模板编号', '--template');
    const out = text(flags, 'out');
    if (!out) throw new Refusal('请用 --out 指定输出文件夹', '--out');
    const scopes = [flags.batch !== undefined, flags.people !== undefined, flags.all === true].filter(Boolean).length;
    if (scopes !== 1) throw new Refusal('请用 --batch、--people 或 --all 中的一个指定生成范围', '--batch');
    const date = parseDateFlag(flags, 'date');
    const start = parseDateFlag(flags, 'publicity-start');
    const end = parseDateFlag(flags, 'publicity-end');
    if ((start === undefined) !== (end === undefined)) {
      throw new Refusal('--publicity-start 与 --publicity-end 需要同时给出', '--publicity-start');
    }
    const values = parseValues(flags);
    let batchId: number | undefined;
    if (flags.batch !== undefined) {
      batchId = Number(text(flags, 'batch'));
      if (!Number.isInteger(batchId) || batchId <= 0) throw new Refusal('--batch 应为批次编号（正整数）', '--batch');
    }
    const idNumbers: string[] = [];
    if (flags.people !== undefined) {
      for (const raw of (text(flags, 'people') ?? '').split(/[,，\s]+/).filter(Boolean)) {
        const parsed = parseIdNumber(raw);
        if (!parsed.ok) throw new Refusal(`--people 中的「${raw}」：${parsed.message}`, '身份证号');
        idNumbers.push(parsed.value.idNumber);
      }
      if (idNumbers.length === 0) throw new Refusal('--people 没有给出身份证号', '身份证号');
    }

    return await withApp(flags, async (app) => {
      const service = lettersOf(app);
      const request: GenerateRequest = {
        template,
        ...(date ? { date } : {}),
        ...(start && end ? { publicity: { start, end } } : {}),
        values,
        merged: flags['no-merge'] !== true,
        allowIneligible: flags['allow-ineligible'] === true,
      };
      if (batchId !== undefined) request.batchId = batchId;
      else if (flags.all === true) request.people = app.services.repos.people.list().map((p) => p.id);
      else {
        const ids = idNumbers.map((n) => app.services.repos.people.idOf(n));
        const unknown = idNumbers.filter((_, i) => ids[i] === null);
        if (unknown.length > 0) throw new Refusal(`工作区中没有身份证号为 ${unknown.join('、')} 的人员`, '身份证号');
        request.people = ids as number[];
      }

      const dir = resolve(out);
      mkdirSync(dir, { recursive: true });
      const used = new Set<string>();
      const files = new Map<string, string>();
      // Never over a file already there (or through a link): the next free name, reported in the output.
      const place = (fileName: string) => {
        const file = freePath(dir, fileName, (name) => used.has(name.toLowerCase()));
        used.add(basename(file).toLowerCase());
        return file;
      };
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      let result: GenerateResult;
      try {
        result = await service.generateLetters({
          ...request,
          signal: controller.signal,
          onLetter: (letter, bytes) => {
            const file = place(letter.fileName);
            writeFileSync(file, bytes, CREATE_NEW);
            files.set(`${letter.employeeId}/${letter.declarationId}`, file);
          },
        });
      } finally {
        process.off('SIGINT', onInterrupt);
      }
      let merged: LettersJson['merged'] = null;
      if (result.merged) {
        const file = place(result.merged.fileName);
        writeFileSync(file, result.merged.bytes, CREATE_NEW);
        merged = { file, bytes: result.merged.bytes.length, pages: result.merged.pages };
      }
      const report: LettersJson = {
        ok: result.problems.length === 0 && !result.cancelled,
        template,
        count: result.letters.length,
        totalBytes: result.letters.reduce((sum, l) => sum + l.bytes, 0),
        ms: result.ms,
        letters: result.letters.map((l) => ({
          idNumber: l.idNumber,
          name: l.name,
          file: files.get(`${l.employeeId}/${l.declarationId}`)!,
          bytes: l.bytes,
          documentId: l.documentId,
          template: l.templateId,
        })),
        merged,
        problems: result.problems.map((p) => ({
          idNumber: p.idNumber,
          name: p.name,
          code: p.code,
          field: p.field,
          char: p.char,
          message: p.message,
          ...(p.blockers ? { blockers: p.blockers } : {}),
        })),
        warnings: result.warnings,
        cancelled: result.cancelled,
        ...outcome(result),
      };
      if (json) print(report);
      else {
        for (const p of report.problems) process.stderr.write(`${p.message}\n`);
        for (const w of report.warnings) process.stderr.write(`注意：${w}\n`);
        process.stdout.write(
          `${result.cancelled ? '已取消：' : ''}已生成${report.count}份（共${(report.totalBytes / 1024).toFixed(0)} KB，${report.ms} ms）` +
            `${report.problems.length ? `，${new Set(report.problems.map((p) => p.idNumber)).size}人未生成` : ''}，文件在 ${dir}\n`,
        );
      }
      return result.cancelled ? 1 : report.problems.length > 0 ? 2 : 0;
    });
  } catch (error) {
    return fail(error, json);
  }
}
