/**
 * The one API between the renderer and the main side: every route's input and output and
 * every event's payload, as zod schemas. Every host (Electron IPC, the loopback web host,
 * the CLI) dispatches through these, and every type on both sides is derived from them.
 */
import { z } from 'zod';
import { id } from '../domain/fields';
import { PersonDetail, PersonInput, PersonRow, RecordInput, Unit, UnitInput } from '../domain/schemas';
import { ImportReport } from '../roster/report';
import { IMPORT_KINDS, RECORD_IMPORT_KINDS } from '../records/columns';
import { ALL_MAPPING_TARGETS } from '../records/layout';
import { BUCKETS, DashboardRow, StepSchema } from '../eligibility/dashboard';
import { RulePack } from '../eligibility/pack';
import { Reminder } from '../eligibility/reminders';
import { AsOf } from '../eligibility/batch';
import { inboxEvents, inboxRoutes } from '../inbox/schemas';
import { lettersRoutes } from '../letters/routes';
import { workspaceRoutes } from '../workspace/schemas';
import { suggestionsEvents, suggestionsRoutes } from '../reading/suggestions';
import {
  Batch,
  BatchInput,
  DeclarationDetail,
  DeclarationRowSchema,
  DeclarationUpdate,
  specialtyPath,
} from '../batches/schemas';
import { DECLARATION_STATUSES, PERSON_CATEGORIES, RECORD_KINDS, TITLE_LEVELS } from '../domain/enums';

const route = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({});

/** A level of a cascader (regions, specialties): a label and its children. */
interface TreeNodeShape {
  label: string;
  children?: TreeNodeShape[];
}
const TreeNode: z.ZodType<TreeNodeShape> = z.lazy(() =>
  z.object({ label: z.string().trim().min(1, '名称不能为空').max(50), children: z.array(TreeNode).optional() }),
);

const ChecklistRulesSchema = z.object({
  socialInsuranceRequired: z.boolean(),
  socialInsuranceRegions: z.array(z.string().trim().min(1)).default([]),
  licensedSeries: z.array(z.string().min(1)),
});

/** A file travelling through the API: the renderer uploads and downloads bytes, never paths. */
export const FilePayload = z.object({
  fileName: z.string().min(1, '缺少文件名'),
  base64: z.string(),
});
export type FilePayload = z.infer<typeof FilePayload>;

export const PeopleQuery = z.object({
  search: z.string().trim().max(50).optional(),
  unitId: id.optional(),
  department: z.string().optional(),
  category: z.enum(PERSON_CATEGORIES).optional(),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

const MappingTarget = z.enum(ALL_MAPPING_TARGETS as [string, ...string[]], { error: '列对应的目标字段不存在' });
const RecordsImportInput = FilePayload.extend({
  kind: z.enum(IMPORT_KINDS).optional(),
  /** Header label → field, or null to ignore the column. */
  mapping: z.record(z.string().max(200), MappingTarget.nullable()).optional(),
  validOnly: z.boolean().default(false),
});

const FolderPurpose = z.enum(['watch', 'export', 'backup']);

export const routes = {
  'app.info': route(
    none,
    z.object({ version: z.string(), dataDir: z.string(), people: z.number(), units: z.number() }),
  ),

  'units.list': route(none, z.array(Unit)),
  'units.save': route(UnitInput, Unit),
  'units.setDefault': route(z.object({ id }), none),
  'units.delete': route(z.object({ id }), none),

  'people.list': route(
    PeopleQuery,
    z.object({ rows: z.array(PersonRow), total: z.number(), departments: z.array(z.string()) }),
  ),
  'people.get': route(z.object({ id }), PersonDetail),
  'people.save': route(PersonInput, PersonDetail),
  /** How many documents went with the person, and how many library files no one else used were removed. */
  'people.delete': route(z.object({ id }), z.object({ documents: z.number(), files: z.number() })),
  'records.save': route(RecordInput, PersonDetail),
  'records.delete': route(z.object({ kind: z.enum(RECORD_KINDS), id }), PersonDetail),

  'roster.template': route(none, FilePayload),
  'roster.preview': route(FilePayload.extend({ validOnly: z.boolean().default(false) }), ImportReport),
  'roster.import': route(
    FilePayload.extend({ validOnly: z.boolean().default(false), jobId: z.string().max(64).optional() }),
    ImportReport,
  ),
  'roster.export': route(PeopleQuery, FilePayload),

  /** Any sheet HR keeps: a roster or 台账, or a records list; the kind is told from its headers. */
  'records.preview': route(RecordsImportInput, ImportReport),
  'records.import': route(RecordsImportInput.extend({ jobId: z.string().max(64).optional() }), ImportReport),
  'records.template': route(z.object({ kind: z.enum(IMPORT_KINDS) }), FilePayload),
  'records.export': route(PeopleQuery.extend({ kind: z.enum(RECORD_IMPORT_KINDS) }), FilePayload),
  /** Sets the 单位 or 部门 of many people at once (people imported before their unit existed). */
  'people.bulkUpdate': route(
    z
      .object({
        ids: z.array(id).min(1, '请先选择人员').max(100_000),
        unitId: id.nullable().optional(),
        department: z.string().trim().max(50, '部门不能超过50个字').nullable().optional(),
      })
      .refine((v) => v.unitId !== undefined || v.department !== undefined, '请选择要设置的单位或部门'),
    z.object({ changed: z.number() }),
  ),

  'eligibility.dashboard': route(
    z.object({ asOf: AsOf.optional() }),
    z.object({
      asOf: z.string(),
      pack: z.object({ id: z.string(), name: z.string(), version: z.string() }),
      counts: z.record(z.enum(BUCKETS), z.number()),
      rows: z.array(DashboardRow),
    }),
  ),
  'eligibility.person': route(
    z.object({ id, asOf: AsOf.optional() }),
    z.object({ asOf: z.string(), row: DashboardRow, explanation: z.array(z.string()) }),
  ),
  'eligibility.export': route(
    z.object({
      asOf: AsOf.optional(),
      buckets: z.array(z.enum(BUCKETS)).optional(),
      department: z.string().optional(),
      level: z.enum(TITLE_LEVELS).optional(),
    }),
    FilePayload,
  ),
  /** Every person's next steps as `zhicheng eligibility --data` prints them (the CLI asks a running app). */
  'eligibility.evaluate': route(
    z.object({ asOf: AsOf }),
    z.object({
      asOf: z.string(),
      results: z.array(z.object({ idNumber: z.string(), next: StepSchema.nullable(), then: StepSchema.nullable() })),
    }),
  ),
  'eligibility.pack.get': route(none, RulePack),
  'eligibility.pack.save': route(RulePack, RulePack),
  'eligibility.pack.reset': route(none, RulePack),

  'batches.list': route(none, z.array(Batch)),
  'batches.get': route(z.object({ id }), z.object({ batch: Batch, declarations: z.array(DeclarationRowSchema) })),
  'batches.save': route(BatchInput, Batch),
  'batches.delete': route(z.object({ id }), none),
  'batches.addPeople': route(
    z.object({
      batchId: id,
      people: z
        .array(z.object({ personId: id, targetLevel: z.enum(TITLE_LEVELS).nullish(), specialty: specialtyPath }))
        .min(1, '请选择要加入的人员'),
    }),
    z.object({
      added: z.number(),
      skipped: z.array(z.object({ personId: z.number(), reason: z.string() })),
      /** Those added whom the rules show as 受阻 today, with why: worth a second look. */
      blocked: z.array(z.object({ personId: z.number(), name: z.string(), blockers: z.array(z.string()) })),
    }),
  ),
  'declarations.get': route(z.object({ id }), DeclarationDetail),
  'declarations.update': route(DeclarationUpdate, DeclarationDetail),
  'declarations.setStatus': route(
    z.object({
      ids: z.array(id).min(1),
      status: z.enum(DECLARATION_STATUSES),
      reason: z.string().max(500).nullish(),
      /** Set the status although the checklist or record contradicts it; needs a reason. */
      force: z.boolean().default(false),
    }),
    z.object({
      changed: z.number(),
      refused: z.array(z.object({ id: z.number(), message: z.string(), missing: z.array(z.string()).optional() })),
    }),
  ),
  'declarations.remove': route(z.object({ id }), none),
  /** The folder kits last went to from the page (null: the workspace's exports folder, `defaultDir`). */
  'kits.exportFolder': route(none, z.object({ folder: z.string().nullable(), defaultDir: z.string() })),
  /** Into `folder` (checked on the main side) or the workspace's exports folder, in a folder of the batch's own. */
  'kits.export': route(
    z.object({
      batchId: id,
      folder: z.string().trim().max(1000).optional(),
      declarationIds: z.array(id).optional(),
      zip: z.boolean().default(false),
      overwrite: z.boolean().default(false),
      jobId: z.string().max(64).optional(),
    }),
    z.object({
      out: z.string(),
      summaryFile: z.string(),
      people: z.array(
        z.object({
          idNumber: z.string(),
          folder: z.string(),
          files: z.number(),
          missing: z.array(z.string()),
          problems: z.array(z.string()),
        }),
      ),
    }),
  ),

  'catalogue.get': route(none, z.object({ regions: z.array(TreeNode), specialties: z.array(TreeNode) })),
  'catalogue.saveSpecialties': route(z.array(TreeNode), z.array(TreeNode)),
  'checklist.rules.get': route(none, ChecklistRulesSchema),
  'checklist.rules.save': route(ChecklistRulesSchema, ChecklistRulesSchema),

  'reminders.list': route(z.object({ asOf: AsOf.optional() }), z.array(Reminder)),
  'reminders.dismiss': route(z.object({ key: z.string().min(1) }), none),

  /** The host's native folder dialog; the web host has none and says so (`available: false`). */
  'folders.pick': route(
    z.object({ purpose: FolderPurpose, current: z.string().nullish() }),
    z.object({ available: z.boolean(), path: z.string().nullable() }),
  ),
  /** A typed folder checked before it is kept: exists, is a folder, writable; a watched one not in the workspace. */
  'folders.check': route(
    z.object({ path: z.string().max(1000), purpose: FolderPurpose }),
    z.object({ path: z.string() }),
  ),

  'jobs.cancel': route(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
  /** Work a crash or power cut cut short, told once the workspace is open again, until dismissed. */
  'jobs.interrupted': route(none, z.array(z.object({ key: z.string(), label: z.string(), startedAt: z.string() }))),
  'jobs.dismissInterrupted': route(z.object({ key: z.string() }), none),

  ...inboxRoutes,
  ...lettersRoutes,
  ...workspaceRoutes,

  // Records read from documents (「从材料识别，待确认」) and search by content: shared/reading/suggestions.ts.
  ...suggestionsRoutes,
} as const;

export const events = {
  /** Progress of long work (import, export, generation); `done` of `total` in the current phase. */
  'job.progress': z.object({ jobId: z.string(), phase: z.string(), done: z.number(), total: z.number() }),
  /** Something changed the people table: lists refresh. */
  'people.changed': none,
  /** Reminders not announced before: the Electron shell shows them as desktop notifications. */
  'reminders.new': z.object({ reminders: z.array(Reminder) }),
  /** The reminder list changed (new or dismissed). */
  'reminders.changed': none,
  /** A list kept by the pages' stores changed: they reload it. */
  'lists.changed': z.object({ list: z.enum(['batches', 'units', 'templates']) }),

  ...inboxEvents,
  ...suggestionsEvents,
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<N extends RouteName> = z.input<Routes[N]['input']>;
export type RouteArgs<N extends RouteName> = z.output<Routes[N]['input']>;
export type RouteOutput<N extends RouteName> = z.output<Routes[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type Envelope<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } };

/** What the renderer sees of the main side, whatever carries it. */
export interface AppBridge {
  invoke<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Envelope<RouteOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const isRouteName = (name: string): name is RouteName => Object.hasOwn(routes, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);
