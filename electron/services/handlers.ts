/** Every route of the API contract, answered by the services. A missing route fails to compile. */
import type { Handlers } from '../../shared/api/dispatch';
import type { FilePayload } from '../../shared/api/contract';
import { join } from 'node:path';
import type { Services } from './compose';
import { IMPORT_KIND_LABELS } from '../../shared/records/columns';
import type { ColumnMapping } from '../../shared/records/layout';
import { createInboxHandlers } from './inbox/handlers';
import { createLettersHandlers } from './letters/handlers';
import { createWorkspaceHandlers, type WorkspaceHandlerDeps } from './backup/handlers';
import { checkFolder, createFolderHandlers, type PickFolder } from './folders/folderChoice';
import { lastKitFolder, rememberKitFolder } from './kits/kitFolder';

const fromBase64 = (file: FilePayload) => ({
  fileName: file.fileName,
  bytes: new Uint8Array(Buffer.from(file.base64, 'base64')),
});
const toPayload = (fileName: string, bytes: Uint8Array): FilePayload => ({
  fileName,
  base64: Buffer.from(bytes).toString('base64'),
});

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

export function createHandlers(
  services: Services,
  workspace: Omit<WorkspaceHandlerDeps, 'backups' | 'integrity' | 'paths'> & { pickFolder?: PickFolder },
) {
  const { units, people, roster, records, eligibility, batches, kits, jobs, repos, info, paths } = services;
  return {
    'app.info': () => ({ ...info, people: repos.people.count(), units: repos.units.list().length }),

    'units.list': () => units.list(),
    'units.save': (input) => units.save(input),
    'units.setDefault': ({ id }) => (units.setDefault(id), {}),
    'units.delete': ({ id }) => (units.delete(id), {}),

    'people.list': (query) => {
      const rows = repos.people.list(query);
      return { rows, total: rows.length, departments: repos.people.departments() };
    },
    'people.get': ({ id }) => people.detail(id),
    'people.save': (input) => people.save(input),
    'people.delete': ({ id }) => people.delete(id),
    'records.save': ({ kind, ...record }) => people.saveRecord(kind, record),
    'records.delete': ({ kind, id }) => people.deleteRecord(kind, id),

    'roster.template': async () => toPayload('人员名单导入模板.xlsx', await roster.template()),
    'roster.preview': ({ validOnly, ...file }) => roster.import(fromBase64(file), { dryRun: true, validOnly }),
    'roster.import': ({ validOnly, jobId, ...file }, ctx) =>
      jobs.run(jobId, ctx.signal, (job) => roster.import(fromBase64(file), { validOnly, job }), '导入人员名单'),
    'roster.export': async (query) => toPayload(`人员名单_${stamp()}.xlsx`, await roster.export(query)),

    'records.preview': ({ validOnly, kind, mapping, ...file }) =>
      records.import(fromBase64(file), { dryRun: true, validOnly, kind, mapping: mapping as ColumnMapping }),
    'records.import': ({ validOnly, kind, mapping, jobId, ...file }, ctx) =>
      jobs.run(
        jobId,
        ctx.signal,
        (job) => records.import(fromBase64(file), { validOnly, kind, mapping: mapping as ColumnMapping, job }),
        '导入记录',
      ),
    'records.template': async ({ kind }) =>
      kind === 'ledger'
        ? toPayload('人员名单导入模板.xlsx', await roster.template())
        : toPayload(`${IMPORT_KIND_LABELS[kind]}导入模板.xlsx`, await records.template(kind)),
    'records.export': async ({ kind, ...query }) =>
      toPayload(`${IMPORT_KIND_LABELS[kind]}_${stamp()}.xlsx`, await records.export(kind, query)),
    'people.bulkUpdate': ({ ids, unitId, department }) => ({ changed: people.bulkUpdate(ids, { unitId, department }) }),

    'eligibility.dashboard': ({ asOf }) => eligibility.dashboard(asOf),
    'eligibility.person': ({ id, asOf }) => eligibility.person(id, asOf),
    'eligibility.export': async (filter) => toPayload(`申报资格_${stamp()}.xlsx`, await eligibility.export(filter)),
    'eligibility.evaluate': ({ asOf }) => eligibility.evaluateWorkspace(asOf),
    'eligibility.pack.get': () => eligibility.pack(),
    'eligibility.pack.save': (pack) => eligibility.savePack(pack),
    'eligibility.pack.reset': () => eligibility.resetPack(),

    'batches.list': () => batches.list(),
    'batches.get': ({ id }) => batches.get(id),
    'batches.save': (input) => batches.save(input),
    'batches.delete': ({ id }) => (batches.delete(id), {}),
    'batches.addPeople': ({ batchId, people: chosen }) => batches.addPeople(batchId, chosen),
    'declarations.get': ({ id }) => batches.declaration(id),
    'declarations.update': ({ id, ...fields }) => batches.update(id, fields),
    'declarations.setStatus': ({ ids, status, reason, force }) => batches.setStatus(ids, status, reason ?? null, force),
    'declarations.remove': ({ id }) => (batches.remove(id), {}),
    // Kits go into a folder of their own, in the workspace's exports folder or in one the user
    // chose; a folder from the page is checked again here, as every path is.
    'kits.exportFolder': () => ({ folder: lastKitFolder(repos), defaultDir: join(paths.root, 'exports') }),
    'kits.export': ({ jobId, batchId, folder, ...options }, ctx) => {
      const parent = folder ? checkFolder(folder, 'export', paths.root) : join(paths.root, 'exports');
      rememberKitFolder(repos, folder ? parent : null);
      const outDir = join(parent, `批次${batchId}_${new Date().toISOString().replace(/[-:]/g, '').slice(0, 15)}`);
      return jobs.run(jobId, ctx.signal, (job) => kits.export({ ...options, batchId, outDir, job }), '导出上传材料包');
    },

    'catalogue.get': () => batches.catalogue(),
    'catalogue.saveSpecialties': (tree) => batches.saveSpecialties(tree),
    'checklist.rules.get': () => batches.rules(),
    'checklist.rules.save': (rules) => batches.saveRules(rules),

    'reminders.list': ({ asOf }) => eligibility.reminders(asOf),
    'reminders.dismiss': ({ key }) => (eligibility.dismissReminder(key), {}),

    'jobs.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    'jobs.interrupted': () => services.interrupted.interrupted(),
    'jobs.dismissInterrupted': ({ key }) => (services.interrupted.dismiss(key), {}),

    ...createInboxHandlers(services.inbox, jobs),
    ...createLettersHandlers(services.letters, jobs),
    ...createFolderHandlers(paths.root, workspace.pickFolder),
    ...createWorkspaceHandlers({ ...workspace, backups: services.backups, integrity: services.integrity, paths }),

    'suggestions.list': (filter) => services.suggestions.list(filter),
    'suggestions.accept': ({ id, fields, update }) => services.suggestions.accept(id, fields, { update }),
    'suggestions.reject': ({ id }) => services.suggestions.reject(id),
    'documents.search': ({ query, personId }) => repos.documentText.search(query, { personId }),
    'documents.read': ({ id, jobId }, ctx) =>
      jobs.run(jobId, ctx.signal, (job) => services.readFiled(id, { signal: job.signal }), '识别材料内容'),
  } satisfies Handlers;
}
