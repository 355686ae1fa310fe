/** The handlers answering the letters' routes (shared/letters/routes.ts): spread into createHandlers. */
import type { z } from 'zod';
import type { CallContext } from '../../../shared/api/dispatch';
import type { lettersRoutes } from '../../../shared/letters/routes';
import type { Jobs } from '../jobs/jobs';
import type { LettersService } from './lettersService';

type In<K extends keyof typeof lettersRoutes> = z.output<(typeof lettersRoutes)[K]['input']>;

const bytesOf = (file: { base64: string }) => new Uint8Array(Buffer.from(file.base64, 'base64'));
const payload = (fileName: string, bytes: Uint8Array) => ({ fileName, base64: Buffer.from(bytes).toString('base64') });

export function createLettersHandlers(letters: LettersService, jobs: Jobs) {
  return {
    'letters.placeholders': () => letters.placeholders().map((p) => ({ ...p })),
    'letters.templates.list': () => letters.templates.list(),
    'letters.templates.get': ({ id, version }: In<'letters.templates.get'>) => letters.templates.get(id, version),
    'letters.templates.versions': ({ id }: In<'letters.templates.versions'>) => letters.templates.versions(id),
    'letters.templates.save': (template: In<'letters.templates.save'>) => letters.templates.save(template),
    'letters.templates.export': ({ id, version }: In<'letters.templates.export'>) => {
      const exported = letters.templates.export(id, version);
      return payload(`信函模板_${exported.template.name}.json`, Buffer.from(JSON.stringify(exported, null, 2)));
    },
    'letters.templates.import': (file: In<'letters.templates.import'>) =>
      letters.templates.import(JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as unknown),
    'letters.templates.importBackground': (file: In<'letters.templates.importBackground'>) =>
      letters.templates.importBackground(bytesOf(file), file.fileName),
    'letters.templates.background': ({ documentId }: In<'letters.templates.background'>) => {
      const background = letters.templates.background(documentId);
      return payload(background.fileName, background.bytes);
    },
    'letters.publicity.get': ({ batchId }: In<'letters.publicity.get'>) => letters.publicity(batchId),
    'letters.publicity.set': ({ batchId, publicity }: In<'letters.publicity.set'>) => (
      letters.setPublicity(batchId, publicity),
      {}
    ),
    'letters.preview': async (input: In<'letters.preview'>) => {
      const { employeeId, declarationId, ...rest } = input;
      const target = declarationId !== undefined ? { declarationId } : { employeeId: employeeId! };
      const result = await letters.previewLetter({ ...rest, ...target });
      return {
        file: result.bytes && result.fileName ? payload(result.fileName, result.bytes) : null,
        problems: result.problems,
        warnings: result.warnings,
      };
    },
    'letters.generate': ({ jobId, ...input }: In<'letters.generate'>, ctx: CallContext) =>
      jobs.run(
        jobId,
        ctx.signal,
        async (job) => {
          const result = await letters.generateLetters({
            ...input,
            signal: job.signal,
            onProgress: (p) => job.progress('生成信函', p.done, p.total),
          });
          return {
            letters: result.letters,
            problems: result.problems,
            warnings: result.warnings,
            merged: result.merged ? payload(result.merged.fileName, result.merged.bytes) : null,
            cancelled: result.cancelled,
            total: result.total,
            ms: result.ms,
          };
        },
        '生成证明和承诺书',
      ),
    'units.importSeal': async ({ unitId, ...file }: In<'units.importSeal'>) => {
      const seal = await letters.importSeal(unitId, bytesOf(file), file.fileName);
      return { documentId: seal.documentId, preview: payload('印章预览.png', seal.preview), warnings: seal.warnings };
    },
    'units.seal': ({ unitId }: In<'units.seal'>) => {
      const seal = letters.seal(unitId);
      return seal && { png: payload('印章.png', seal.png), diameterMm: seal.diameterMm, pixels: seal.pixels };
    },
  };
}
