/**
 * Stamped letters: 单位同意申报证明 and 诚信承诺书 for one person, a list or a whole batch, each
 * filed in the library as that person's document, plus one merged PDF of the run for printing.
 * Also the unit's seal (imported from a scan) and the letter templates.
 */
import type { PDFDocument } from 'pdf-lib';
import type { Db, Repos } from '../../../db';
import { createLettersRepo, type LetterSubject } from '../../../db/repos/letters';
import { AppError, notFound } from '../../../shared/api/errors';
import { isRealDate, todayIso } from '../../../shared/validation/dates';
import { safeFileName } from '../../../shared/validation/fileNames';
import { sha256Of, type Library } from '../library/library';
import { FilingQueue } from './filing';
import { fontStack, type FontChoice, type FontStack } from './fonts';
import { A4, LETTER_GEOMETRY, MM, Measure, layoutField, layoutLetter, type Block, type LaidOutPage } from './layout';
import {
  BACKGROUND_MATERIAL_TYPE,
  CERTIFYING_MATERIAL_TYPE,
  type GenerateInput,
  type GeneratedLetter,
  type LetterProblem,
  type Publicity,
  SEAL_MATERIAL_TYPE,
  SEAL_ORIGINAL_MATERIAL_TYPE,
  TemplateExport,
  templateUnknownPlaceholders,
  type LetterTemplate,
  type LetterTemplateInput,
  type OverlayTemplate,
  type Route,
  type TemplateSummary,
  type TextTemplate,
} from '../../../shared/letters/model';
import { PLACEHOLDERS, fillText, type PlaceholderValues } from '../../../shared/letters/placeholders';
import type { Background } from './render';
import {
  SEAL_DIAMETER_MM,
  SEAL_PIXELS,
  SealError,
  prepareSeal,
  sealStreams,
  type PreparedSeal,
  type SealStreams,
} from './seal';
import { TEMPLATE_ALIASES, createTemplateStore, firstIssue, parseTemplate } from './templates';
import { letterValues, whereToFill } from './values';
import { standings, type Standing } from '../eligibility/standing';

export const PUBLICITY_KEY = 'letters.publicity';

/** Drawing letters (pdf-lib) and reading PDFs load when a letter or background needs them. */
const drawing = () => import('./render');
const reading = () => Promise.all([import('../pdf/openPdf'), import('../pdf/boundedLoad')]);

export interface LettersDeps {
  db: Db;
  repos: Repos;
  library: Library;
  /** Where fonts/ and templates/ are; found automatically when omitted. */
  resourcesDir?: string;
  fonts?: FontChoice;
}

export interface GenerateProgress {
  done: number;
  total: number;
  /** The person just handled. */
  name: string;
}

export type GenerateRequest = Omit<GenerateInput, 'template'> & {
  template: string | LetterTemplateInput;
  signal?: AbortSignal;
  onProgress?: (progress: GenerateProgress) => void;
  /** Called with each letter's bytes once it is made (and filed): the CLI writes them out. */
  onLetter?: (letter: GeneratedLetter, bytes: Uint8Array) => void | Promise<void>;
};

export interface GenerateResult {
  letters: GeneratedLetter[];
  problems: LetterProblem[];
  warnings: string[];
  merged: { bytes: Uint8Array; pages: number; fileName: string } | null;
  cancelled: boolean;
  total: number;
  ms: number;
  fonts: string;
}

export interface ImportedSeal {
  unitId: number;
  documentId: number;
  originalDocumentId: number;
  storedPath: string;
  png: Uint8Array;
  preview: Uint8Array;
  width: number;
  height: number;
  warnings: string[];
}

export const letterFileName = (name: string, idNumber: string, materialType: string) =>
  safeFileName(`${name}_${idNumber.slice(-4)}_${materialType}.pdf`);

const who = (s: LetterSubject) => `「${s.employee.name}」（身份证号尾号${s.employee.idNumber.slice(-4)}）`;
const codePointOf = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Weekdays from start to end inclusive (holidays are not known here). */
function weekdays(start: string, end: string): number {
  let n = 0;
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) n++;
  }
  return n;
}

function checkPublicity(p: Publicity): Publicity {
  if (!isRealDate(p.start))
    throw new AppError('BAD_INPUT', `公示开始日期「${p.start}」不是有效日期（应为 YYYY-MM-DD）`);
  if (!isRealDate(p.end)) throw new AppError('BAD_INPUT', `公示结束日期「${p.end}」不是有效日期（应为 YYYY-MM-DD）`);
  if (p.end < p.start) throw new AppError('BAD_INPUT', `公示结束日期（${p.end}）早于开始日期（${p.start}）`);
  return p;
}

const detectImage = (bytes: Uint8Array) =>
  bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
    ? { mime: 'image/png', ext: '.png' }
    : bytes[0] === 0xff && bytes[1] === 0xd8
      ? { mime: 'image/jpeg', ext: '.jpg' }
      : null;

export function createLettersService(deps: LettersDeps) {
  const { repos, library } = deps;
  const letters = createLettersRepo(deps.db);
  const templates = createTemplateStore(repos.settings, deps.resourcesDir);
  let stack: FontStack | null = null;
  const fonts = () =>
    (stack ??= fontStack({ ...deps.fonts, ...(deps.resourcesDir ? { resourcesDir: deps.resourcesDir } : {}) }));

  const savedPublicity = (): Record<string, Publicity> =>
    (repos.settings.get(PUBLICITY_KEY) as Record<string, Publicity>) ?? {};

  /** The template for a subject: an alias follows the declaration's batch type. */
  const resolveTemplate = (request: GenerateRequest) => {
    if (typeof request.template !== 'string') return { alias: null, fixed: parseTemplate(request.template) };
    if (TEMPLATE_ALIASES[request.template]) return { alias: TEMPLATE_ALIASES[request.template]!, fixed: null };
    return { alias: null, fixed: templates.get(request.template, request.version).template };
  };

  const routeOf = (subject: LetterSubject): Route => (subject.declaration?.batchType === '评审' ? '评审' : '初定');

  function subjectsFor(request: GenerateRequest, route: Route | null): LetterSubject[] {
    const given = [request.people, request.declarations, request.batchId].filter((v) => v !== undefined).length;
    if (given !== 1) throw new AppError('BAD_INPUT', '请指定一种生成范围：人员、申报记录或申报批次（只能选一种）');
    if (request.batchId !== undefined) {
      if (!repos.batches.get(request.batchId)) throw notFound('该申报批次');
      return letters.subjectsForDeclarations({ batchId: request.batchId });
    }
    if (request.declarations) return letters.subjectsForDeclarations({ ids: request.declarations });
    return letters.subjectsForPeople(request.people!, route);
  }

  /** Fills a text template into layout blocks, or says which fields are missing. */
  function textBlocks(template: TextTemplate, values: PlaceholderValues) {
    const missing = new Set<string>();
    const texts: string[] = [];
    const fill = (text: string): string | null => {
      const filled = fillText(text, values);
      if (filled.kind === 'missing') {
        filled.missing.forEach((k) => missing.add(k));
        return null;
      }
      if (filled.kind === 'dropped') return null;
      texts.push(filled.text);
      return filled.text;
    };
    const blocks: Block[] = [];
    const title = fill(template.title);
    if (title) blocks.push({ kind: 'title', text: title });
    const header = template.header.map(fill).filter((t): t is string => t !== null);
    for (const text of header) blocks.push({ kind: 'line', text, align: 'left' });
    if (header.length > 0) blocks.push({ kind: 'gap', lines: 0.4 });
    const salutation = template.salutation === null ? null : fill(template.salutation);
    if (salutation) blocks.push({ kind: 'line', text: salutation, align: 'left' });
    for (const p of template.paragraphs) {
      const text = fill(p);
      if (text) blocks.push({ kind: 'paragraph', text });
    }
    const footer = template.footer.map(fill).filter((t): t is string => t !== null);
    if (footer.length > 0) blocks.push({ kind: 'gap', lines: 0.5 });
    for (const text of footer) blocks.push({ kind: 'line', text, align: 'left' });
    const signOff = template.signOff.map(fill).filter((t): t is string => t !== null);
    if (signOff.length > 0)
      blocks.push({ kind: 'signOff', lines: signOff, seal: template.seal, gap: template.seal ? 2 : 1 });
    if (template.signature) {
      texts.push(template.signature.label);
      blocks.push({ kind: 'signature', label: template.signature.label, date: template.signature.date, gap: 1.2 });
    }
    return { blocks, texts, missing: [...missing] };
  }

  function overlayFields(template: OverlayTemplate, values: PlaceholderValues) {
    const missing = new Set<string>();
    const fields: Array<OverlayTemplate['fields'][number] & { filled: string }> = [];
    for (const field of template.fields) {
      const filled = fillText(field.text, values);
      if (filled.kind === 'missing') filled.missing.forEach((k) => missing.add(k));
      else if (filled.kind === 'text') fields.push({ ...field, filled: filled.text });
    }
    return { fields, texts: fields.map((f) => f.filled), missing: [...missing] };
  }

  return {
    placeholders: () => PLACEHOLDERS,

    templates: {
      list: (): TemplateSummary[] => templates.list(),
      get: (id: string, version?: number) => templates.get(id, version),
      versions: (id: string) => templates.versions(id),
      save: (template: LetterTemplateInput) => {
        if (template.kind === 'overlay') backgroundDocument(template.backgroundDocumentId);
        return templates.save(template);
      },

      /** A template as JSON for another workspace; an overlay carries its background PDF. */
      export(id: string, version?: number): TemplateExport {
        const found = templates.get(id, version);
        const background =
          found.template.kind === 'overlay'
            ? (() => {
                const doc = backgroundDocument(found.template.backgroundDocumentId);
                return { fileName: doc.fileName, base64: library.read(doc).toString('base64') };
              })()
            : null;
        return {
          format: 'zhicheng-letter-template',
          formatVersion: 1,
          exportedAt: new Date().toISOString(),
          version: found.builtIn ? null : found.version,
          template: found.template,
          background,
        };
      },

      /** Imports an exported template as a new version (or a new template); its background goes to the library. */
      async import(json: unknown): Promise<TemplateSummary> {
        const parsed = TemplateExport.safeParse(json);
        if (!parsed.success) throw new AppError('BAD_INPUT', `不是有效的模板文件：${firstIssue(parsed.error)}`);
        let template = parsed.data.template;
        if (template.kind === 'overlay') {
          if (!parsed.data.background) throw new AppError('BAD_INPUT', '模板文件缺少背景 PDF');
          const stored = await storeBackground(
            new Uint8Array(Buffer.from(parsed.data.background.base64, 'base64')),
            parsed.data.background.fileName,
          );
          template = { ...template, backgroundDocumentId: stored.documentId };
        }
        return templates.save(template);
      },

      /** Stores an official PDF to use as a template's page background. */
      importBackground: (bytes: Uint8Array, fileName: string) => storeBackground(bytes, fileName),

      /** A stored background PDF, for the editor that places fields on it. */
      background(documentId: number): { fileName: string; bytes: Uint8Array } {
        const doc = backgroundDocument(documentId);
        return { fileName: doc.fileName, bytes: new Uint8Array(library.read(doc)) };
      },
    },

    /** The unit's prepared seal as letters stamp it (transparent PNG, 40 mm), or null before one is imported. */
    seal(unitId: number): { png: Uint8Array; diameterMm: number; pixels: number } | null {
      const unit = letters.unit(unitId);
      if (!unit) throw notFound('该单位');
      if (!unit.sealPath) return null;
      return {
        png: new Uint8Array(library.read({ storedPath: unit.sealPath })),
        diameterMm: SEAL_DIAMETER_MM,
        pixels: SEAL_PIXELS,
      };
    },

    /** The saved 公示 period of a batch, or null. */
    publicity(batchId: number): Publicity | null {
      return savedPublicity()[String(batchId)] ?? null;
    },
    setPublicity(batchId: number, publicity: Publicity | null): void {
      if (!repos.batches.get(batchId)) throw notFound('该申报批次');
      const all = savedPublicity();
      if (publicity === null) delete all[String(batchId)];
      else all[String(batchId)] = checkPublicity(publicity);
      repos.settings.set(PUBLICITY_KEY, all);
    },

    /** Prepares a scanned seal, files scan and result in the library, and makes it the unit's seal. */
    async importSeal(
      unitId: number,
      bytes: Uint8Array,
      fileName?: string,
      ready?: PreparedSeal,
    ): Promise<ImportedSeal> {
      const unit = letters.unit(unitId);
      if (!unit) throw notFound('该单位');
      const prepared = ready ?? (await checkSeal(bytes, unit.name));
      const kind = detectImage(bytes) ?? { mime: 'application/octet-stream', ext: '.bin' };
      const common = { employeeId: null, declarationId: null, year: null, validUntil: null, pages: 1 } as const;
      const filed = repos.transaction(() => {
        const original = library.store(bytes, {
          ...common,
          materialType: SEAL_ORIGINAL_MATERIAL_TYPE,
          title: `${unit.name} 印章扫描件`,
          fileName: fileName ? safeFileName(fileName) : `${safeFileName(unit.name)}_印章扫描件${kind.ext}`,
          mime: kind.mime,
          source: '导入',
          originalId: null,
        });
        const seal = library.store(prepared.png, {
          ...common,
          materialType: SEAL_MATERIAL_TYPE,
          title: `${unit.name} 公章`,
          fileName: `${safeFileName(unit.name)}_印章.png`,
          mime: 'image/png',
          source: '生成',
          originalId: original.id,
        });
        if (unit.sealPath && unit.sealPath !== seal.storedPath) {
          letters.supersede(letters.documentsAt(unit.sealPath, SEAL_MATERIAL_TYPE).filter((id) => id !== seal.id));
        }
        letters.setSeal(unit.id, seal.storedPath);
        repos.audit.record({ action: '导入印章', entity: 'units', entityId: unit.id, detail: unit.name });
        return { original, seal };
      });
      return {
        unitId: unit.id,
        documentId: filed.seal.id,
        originalDocumentId: filed.original.id,
        storedPath: filed.seal.storedPath,
        png: prepared.png,
        preview: prepared.preview,
        width: prepared.width,
        height: prepared.height,
        warnings: prepared.warnings,
      };
    },

    /** Prepares a seal scan without filing it (a preview, or a check before saving a unit). */
    checkSeal,

    /** Which fonts letters are set in, first choice first. */
    fonts: () => fonts().describe(),

    generateLetters,

    /**
     * One letter, not filed: for the UI's preview of a template (saved or being edited) with a real
     * person. Returns the PDF, or the problems that refuse it.
     */
    async previewLetter(
      request: Pick<GenerateRequest, 'template' | 'version' | 'date' | 'publicity' | 'values'> &
        ({ employeeId: number } | { declarationId: number }),
    ): Promise<{ bytes: Uint8Array | null; fileName: string | null; problems: LetterProblem[]; warnings: string[] }> {
      let bytes: Uint8Array | null = null;
      let fileName: string | null = null;
      const { employeeId, declarationId, ...rest } = request as typeof request & {
        employeeId?: number;
        declarationId?: number;
      };
      const result = await generateLetters({
        ...rest,
        ...(declarationId !== undefined ? { declarations: [declarationId] } : { people: [employeeId!] }),
        file: false,
        merged: false,
        // A preview is neither filed nor signed: it shows the letter whatever the person's standing.
        allowIneligible: true,
        onLetter: (letter, made) => {
          bytes = made;
          fileName = letter.fileName;
        },
      });
      if (result.letters.length === 0 && result.problems.length === 0) throw notFound('该人员或申报记录');
      return { bytes, fileName, problems: result.problems, warnings: result.warnings };
    },
  };

  // ── helpers that need the closure ───────────────────────────────────────────────
  async function checkSeal(bytes: Uint8Array, unitName: string): Promise<PreparedSeal> {
    if (!detectImage(bytes)) throw new AppError('BAD_INPUT', `「${unitName}」的印章图片应为 PNG 或 JPG 格式`);
    try {
      return await prepareSeal(bytes);
    } catch (error) {
      if (error instanceof SealError) throw new AppError('BAD_INPUT', `「${unitName}」的印章：${error.message}`);
      throw error;
    }
  }

  function backgroundDocument(documentId: number) {
    const doc = repos.documents.get(documentId);
    if (!doc || doc.materialType !== BACKGROUND_MATERIAL_TYPE) throw notFound(`模板背景（文档 ${documentId}）`);
    return doc;
  }

  async function storeBackground(bytes: Uint8Array, fileName: string) {
    const [[{ openPdf }], { LetterWriter }] = await Promise.all([reading(), drawing()]);
    let pdf: PDFDocument;
    try {
      // The engine's own checks: a page tree that loops, or other damage, is refused in its words.
      pdf = await openPdf(bytes, fileName);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('BAD_INPUT', `「${fileName}」不是可读取的 PDF（或已加密），不能作为模板背景`);
    }
    const pages = pdf.getPageCount();
    if (pages === 0) throw new AppError('BAD_INPUT', `「${fileName}」没有页面`);
    const sizes = Array.from({ length: pages }, (_, i) => {
      const size = LetterWriter.backgroundSize(pdf, i);
      return { widthMm: Math.round((size.width / MM) * 10) / 10, heightMm: Math.round((size.height / MM) * 10) / 10 };
    });
    const doc = library.store(bytes, {
      employeeId: null,
      declarationId: null,
      materialType: BACKGROUND_MATERIAL_TYPE,
      year: null,
      title: fileName.replace(/\.pdf$/i, ''),
      fileName: safeFileName(fileName),
      mime: 'application/pdf',
      pages,
      source: '导入',
      originalId: null,
      validUntil: null,
    });
    return { documentId: doc.id, pages: sizes };
  }

  async function generateLetters(request: GenerateRequest): Promise<GenerateResult> {
    const started = performance.now();
    const { alias, fixed } = resolveTemplate(request);
    // A built-in alias follows each person's latest declaration (初定 or 评审 letter); a fixed template its own route.
    const peopleRoute: Route | null = alias ? null : (fixed?.route ?? null);
    const subjects = subjectsFor(request, peopleRoute);
    const date = request.date ?? todayIso();
    if (!isRealDate(date)) throw new AppError('BAD_INPUT', `落款日期「${date}」不是有效日期（应为 YYYY-MM-DD）`);
    const given = request.publicity ? checkPublicity(request.publicity) : null;
    const stored = savedPublicity();

    const templateFor = (subject: LetterSubject): LetterTemplate =>
      fixed ?? templates.get(alias![routeOf(subject)]).template;
    const used = new Map<string, LetterTemplate>();
    for (const subject of subjects) {
      const t = templateFor(subject);
      used.set(t.id, t);
    }
    for (const t of used.values()) {
      const unknown = templateUnknownPlaceholders(t);
      if (unknown.length > 0) {
        throw new AppError(
          'BAD_INPUT',
          `模板「${t.name}」中有未知的占位符：${unknown.map((k) => `{${k}}`).join('、')}，请改正模板后再生成`,
        );
      }
    }

    const warnings: string[] = [];
    const warned = new Set<string>();
    const publicityFor = (subject: LetterSubject): Publicity | null => {
      const p = given ?? (subject.declaration ? (stored[String(subject.declaration.batchId)] ?? null) : null);
      if (p && !warned.has(`${p.start}/${p.end}`)) {
        warned.add(`${p.start}/${p.end}`);
        const days = weekdays(p.start, p.end);
        if (days < 5)
          warnings.push(`公示期 ${p.start} 至 ${p.end} 只有${days}个工作日，职称评审要求公示不少于5个工作日`);
      }
      return p;
    };

    const [{ LetterWriter }, [, { loadBounded }]] = await Promise.all([drawing(), reading()]);
    const stack = fonts();
    const measure = new Measure(stack);
    const info = (title: string) => ({ title, subject: '职称申报工作台生成', date: new Date(`${date}T00:00:00Z`) });
    const firstTemplate = used.values().next().value;
    const merged =
      request.merged !== false && subjects.length > 0
        ? await LetterWriter.create(stack, info(`${firstTemplate?.name ?? '信函'}（合并打印）`))
        : null;
    const backgrounds = new Map<number, Promise<PDFDocument>>();
    const sealCache = new Map<string, Promise<SealStreams>>();

    const result: GenerateResult = {
      letters: [],
      problems: [],
      warnings,
      merged: null,
      cancelled: false,
      total: subjects.length,
      ms: 0,
      fonts: stack.describe(),
    };
    const problem = (
      subject: LetterSubject,
      code: LetterProblem['code'],
      message: string,
      extra: Partial<LetterProblem> = {},
    ) =>
      result.problems.push({
        employeeId: subject.employee.id,
        declarationId: subject.declaration?.id ?? null,
        name: subject.employee.name,
        idNumber: subject.employee.idNumber,
        code,
        field: null,
        fields: [],
        char: null,
        codePoint: null,
        message,
        ...extra,
      });

    // Only the letters that certify eligibility look at it; the rules run once per request.
    const standing = [...used.values()].some((t) => t.materialType === CERTIFYING_MATERIAL_TYPE)
      ? standings(repos, date)
      : new Map<number, Standing>();
    const allowed = (employeeId: number) =>
      request.allowIneligible === true ||
      (Array.isArray(request.allowIneligible) && request.allowIneligible.includes(employeeId));

    const filing = request.file !== false ? new FilingQueue() : null;
    try {
      for (const [index, subject] of subjects.entries()) {
        if (request.signal?.aborted) {
          result.cancelled = true;
          break;
        }
        await writeOne(subject, templateFor(subject));
        request.onProgress?.({ done: index + 1, total: subjects.length, name: subject.employee.name });
        // Lets a cancel (or any other request) in between letters.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      // Every letter made is filed, also when the run is cancelled or fails.
      await filing?.drain();
    }
    if (merged && merged.pages > 0) {
      const fileName = safeFileName(
        `${firstTemplate?.materialType ?? '信函'}_合并打印_${date.replaceAll('-', '')}_${result.letters.length}份.pdf`,
      );
      result.merged = { bytes: await merged.save(), pages: merged.pages, fileName };
    }
    result.ms = Math.round(performance.now() - started);
    return result;

    async function writeOne(subject: LetterSubject, template: LetterTemplate): Promise<void> {
      const { employee, unit } = subject;
      const blockers = standing.get(employee.id)?.bucket === 'blocked' ? standing.get(employee.id)!.blockers : [];
      if (template.materialType === CERTIFYING_MATERIAL_TYPE && blockers.length > 0 && !allowed(employee.id)) {
        problem(
          subject,
          'NOT_ELIGIBLE',
          `${who(subject)}按申报规则目前受阻（${blockers.join('；')}），${template.name}会证明其符合条件，未生成；确认无误后可仍为其生成`,
          { blockers },
        );
        return;
      }
      if (!unit) {
        problem(subject, 'NO_UNIT', `${who(subject)}没有所属单位，且还没有设置默认单位，请先在“单位”中添加`, {
          field: '单位全称',
          fields: ['单位全称'],
        });
        return;
      }
      const values = letterValues(subject, {
        date,
        publicity: publicityFor(subject),
        overrides: (request.values ?? {}) as PlaceholderValues,
      });
      const filled = template.kind === 'text' ? textBlocks(template, values) : overlayFields(template, values);
      if (filled.missing.length > 0) {
        // Fields grouped by where to fill them: 缺少「申报系列」「申报级别」（请在申报批次中…）
        const byHint = new Map<string, string[]>();
        for (const k of filled.missing) byHint.set(whereToFill(k), [...(byHint.get(whereToFill(k)) ?? []), k]);
        const list = [...byHint].map(([hint, keys]) => `${keys.map((k) => `「${k}」`).join('')}（${hint}）`).join('，');
        problem(subject, 'MISSING_FIELD', `${who(subject)}的${template.name}缺少${list}，未生成`, {
          field: filled.missing[0]!,
          fields: filled.missing,
        });
        return;
      }
      const missingChars = stack.missing(filled.texts.join('\n'));
      if (missingChars.length > 0) {
        for (const ch of missingChars) {
          const field = Object.entries(values).find(([, v]) => typeof v === 'string' && v.includes(ch))?.[0] ?? null;
          problem(
            subject,
            'MISSING_GLYPH',
            `${who(subject)}的${field ? `“${field}”` : '信函文字'}中有字库里没有的字「${ch}」（${codePointOf(ch)}），为免打印成空框，未生成。请安装含此字的字体，或核对该字`,
            { field, fields: field ? [field] : [], char: ch, codePoint: codePointOf(ch) },
          );
        }
        return;
      }
      const wantsSeal = template.kind === 'text' ? template.seal : template.seal !== null;
      let seal: SealStreams | null = null;
      if (wantsSeal) {
        if (!unit.sealPath) {
          problem(
            subject,
            'NO_SEAL',
            `${who(subject)}所在单位「${unit.name}」还没有导入印章，请先在“单位”中导入公章扫描件`,
            {
              field: '单位印章',
              fields: ['单位印章'],
            },
          );
          return;
        }
        const path = unit.sealPath;
        let pending = sealCache.get(path);
        if (!pending) {
          pending = sealStreams(path, () => library.read({ storedPath: path }));
          sealCache.set(path, pending);
        }
        seal = await pending;
      }

      let pages: LaidOutPage[];
      let size = A4;
      let background: Background | null = null;
      if (template.kind === 'text') {
        pages = layoutLetter((filled as ReturnType<typeof textBlocks>).blocks, measure, {
          ...LETTER_GEOMETRY,
          bodySize: template.bodySize,
          titleSize: template.titleSize,
        });
      } else {
        let pdf = backgrounds.get(template.backgroundDocumentId);
        if (!pdf) {
          const doc = backgroundDocument(template.backgroundDocumentId);
          // A stored file, perhaps from an imported workspace: held to the same inflation bounds.
          pdf = loadBounded(library.read(doc), doc.fileName);
          backgrounds.set(template.backgroundDocumentId, pdf);
        }
        const bgDoc = await pdf;
        if (template.backgroundPage >= bgDoc.getPageCount()) {
          throw new AppError('BAD_INPUT', `模板「${template.name}」的背景 PDF 没有第${template.backgroundPage + 1}页`);
        }
        size = LetterWriter.backgroundSize(bgDoc, template.backgroundPage);
        background = { key: String(template.backgroundDocumentId), doc: bgDoc, pageIndex: template.backgroundPage };
        const pageHeight = size.height;
        const lines = (filled as ReturnType<typeof overlayFields>).fields.flatMap((f) =>
          layoutField(
            {
              text: f.filled,
              x: f.x * MM,
              y: f.y * MM,
              size: f.size,
              width: f.width === null ? null : f.width * MM,
              align: f.align,
            },
            measure,
            pageHeight,
          ),
        );
        const s = template.seal;
        pages = [
          {
            lines,
            rules: [],
            seal: s ? { x: s.x * MM, y: pageHeight - (s.y + s.diameter) * MM, size: s.diameter * MM } : null,
          },
        ];
      }

      const fileName = letterFileName(employee.name, employee.idNumber, template.materialType);
      const writer = await LetterWriter.create(stack, info(`${template.name}（${employee.name}）`));
      await writer.addPages(pages, size, seal, background);
      const bytes = await writer.save();
      if (merged) await merged.addPages(pages, size, seal, background);

      const declarationId = subject.declaration?.id ?? null;
      const letter: GeneratedLetter = {
        employeeId: employee.id,
        declarationId,
        name: employee.name,
        idNumber: employee.idNumber,
        templateId: template.id,
        materialType: template.materialType,
        fileName,
        bytes: bytes.length,
        pages: writer.pages,
        documentId: null,
        storedPath: null,
        superseded: [],
      };
      result.letters.push(letter);
      if (!filing) {
        await request.onLetter?.(letter, bytes);
        return;
      }
      // The file goes to the library in the background; its row (and the superseding) once it is there.
      const storedPath = library.pathFor(sha256Of(bytes), '.pdf');
      await filing.add(library.absolute(storedPath), bytes, async () => {
        const filed = repos.transaction(() => {
          const earlier = letters.activeGenerated(employee.id, template.materialType, declarationId);
          const doc = library.store(bytes, {
            employeeId: employee.id,
            declarationId,
            materialType: template.materialType,
            year: Number(date.slice(0, 4)),
            title: template.name,
            fileName,
            mime: 'application/pdf',
            pages: writer.pages,
            source: '生成',
            originalId: null,
            validUntil: null,
          });
          letters.supersede(earlier);
          return { doc, earlier };
        });
        letter.documentId = filed.doc.id;
        letter.storedPath = filed.doc.storedPath;
        letter.superseded = filed.earlier;
        await request.onLetter?.(letter, bytes);
      });
    }
  }
}
export type LettersService = ReturnType<typeof createLettersService>;
