/** The letters' part of the API: templates, placeholders, 公示 periods, preview, bulk generation, seals. */
import { z } from 'zod';
import { PLACEHOLDER_GROUPS } from './placeholders';
import {
  GeneratedLetter,
  GenerateInput,
  LetterProblem,
  LetterTemplate,
  Publicity,
  TemplateId,
  TemplateSummary,
} from './model';

const id = z.number().int().positive();
const route = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({});
const FilePayload = z.object({ fileName: z.string().min(1, '缺少文件名'), base64: z.string() });

export const lettersRoutes = {
  'letters.placeholders': route(
    none,
    z.array(
      z.object({ key: z.string(), group: z.enum(PLACEHOLDER_GROUPS), description: z.string(), example: z.string() }),
    ),
  ),
  'letters.templates.list': route(none, z.array(TemplateSummary)),
  'letters.templates.get': route(
    z.object({ id: TemplateId, version: z.number().int().positive().optional() }),
    z.object({ template: LetterTemplate, builtIn: z.boolean(), version: z.number() }),
  ),
  'letters.templates.versions': route(
    z.object({ id: TemplateId }),
    z.array(z.object({ version: z.number(), savedAt: z.string(), name: z.string() })),
  ),
  'letters.templates.save': route(LetterTemplate, TemplateSummary),
  'letters.templates.export': route(
    z.object({ id: TemplateId, version: z.number().int().positive().optional() }),
    FilePayload,
  ),
  'letters.templates.import': route(FilePayload, TemplateSummary),
  'letters.templates.importBackground': route(
    FilePayload,
    z.object({ documentId: id, pages: z.array(z.object({ widthMm: z.number(), heightMm: z.number() })) }),
  ),
  /** The stored background PDF of an overlay template, for placing its fields on the page. */
  'letters.templates.background': route(z.object({ documentId: id }), FilePayload),
  'letters.publicity.get': route(z.object({ batchId: id }), Publicity.nullable()),
  'letters.publicity.set': route(z.object({ batchId: id, publicity: Publicity.nullable() }), none),
  'letters.preview': route(
    GenerateInput.pick({ template: true, version: true, date: true, publicity: true, values: true }).extend({
      employeeId: id.optional(),
      declarationId: id.optional(),
    }),
    z.object({ file: FilePayload.nullable(), problems: z.array(LetterProblem), warnings: z.array(z.string()) }),
  ),
  'letters.generate': route(
    GenerateInput.omit({ file: true }).extend({ jobId: z.string().max(64).optional() }),
    z.object({
      letters: z.array(GeneratedLetter),
      problems: z.array(LetterProblem),
      warnings: z.array(z.string()),
      merged: FilePayload.nullable(),
      cancelled: z.boolean(),
      total: z.number(),
      ms: z.number(),
    }),
  ),
  'units.importSeal': route(
    FilePayload.extend({ unitId: id }),
    z.object({ documentId: id, preview: FilePayload, warnings: z.array(z.string()) }),
  ),
  /** The unit's prepared seal (transparent PNG) as letters print it, or null before one is imported. */
  'units.seal': route(
    z.object({ unitId: id }),
    z.object({ png: FilePayload, diameterMm: z.number(), pixels: z.number() }).nullable(),
  ),
} as const;
