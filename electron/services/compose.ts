/**
 * The composition root shared by every host: paths → database (migrated after a backup) →
 * repositories → services → handlers. Electron, the CLI, the web host and the tests all build
 * the app through this one function, so they run the same code on the same data.
 */
import { dirname } from 'node:path';
import { createRepos, DatabaseCorruptError, openDatabase, type OpenedDatabase, type Repos } from '../../db';
import { dispatch, type CallContext, type DispatchOptions } from '../../shared/api/dispatch';
import { AppError } from '../../shared/api/errors';
import type { Envelope, RouteName } from '../../shared/api/contract';
import { LIST_CHANGES } from './listChanges';
import { ignoreEvents, type EmitEvent } from './events';
import { logInternalError } from './log';
import { createHandlers } from './handlers';
import { createEligibilityService, type EligibilityService } from './eligibility/eligibilityService';
import { createBatchService, type BatchService } from './batches/batchService';
import { createJobJournal, type JobJournalService } from './jobs/interruptedJobs';
import { createJobs, type Jobs } from './jobs/jobs';
import { createKitExporter, type FitToLimit, type KitExporter } from './kits/kitExport';
import { sweepExportDirs } from './kits/kitTemps';
import { createPdfEngine, type EngineOptions, type PdfEngine } from './pdf/engine';
import { createInboxService, type InboxService, type InboxServiceDeps } from './inbox';
import { contentReader } from './inbox/contentReader';
import { createLettersService, type LettersService } from './letters/lettersService';
import { createLibrary, type Library } from './library/library';
import { createPeopleService, type PeopleService } from './people/peopleService';
import { createRosterService, type RosterService } from './roster/rosterService';
import { createImportService } from './records/importService';
import { createRecordsService, type RecordsService } from './records/recordsService';
import { createUnitsService, type UnitsService } from './units/unitsService';
import { createFiledReader, createSuggestions, type SuggestionsService } from './suggestions';
import { createBackupService, sweepBackupScratch, workspaceBackups, type BackupService } from './backup/backupService';
import { backupLocation, reachable } from './backup/backupLocation';
import { sweepInterruptedExports } from './backup/archive';
import { heldFilesDir } from './backup/heldFiles';
import { createIntegrityService, type IntegrityService } from './backup/integrityService';
import { ensureWorkspace, type WorkspacePaths } from './workspace';
import type { PickFolder } from './folders/folderChoice';

export interface OpenAppOptions {
  dataDir: string;
  /** Who is acting, for the audit log: the OS user name, or 'cli'. */
  actor?: string;
  version?: string;
  emit?: EmitEvent;
  migrationsFolder?: string;
  nativeBinding?: string;
  dispatchOptions?: DispatchOptions;
  /** What runs as the app opens; both on unless a host turns them off (the CLI skips the check). */
  startup?: { dailyBackup?: boolean; integrityCheck?: boolean };
  /** The host's native folder dialog (electron/main); hosts without one leave it out. */
  pickFolder?: PickFolder;
  /** The clock backups are dated and rotated by (tests walk it across weeks). */
  now?: () => Date;
  /** Tuning of the inbox pipeline (the benchmark compares how many files move at once). */
  inbox?: InboxServiceDeps['pipeline'];
  /** Where the OCR models are when not beside the code (the packaged app's resources). */
  ocrModelDir?: string;
  /** How the PDF engine starts its processes (the Electron shell's utility processes). */
  pdfEngine?: Pick<EngineOptions, 'launch' | 'workerUrl'>;
}

export interface Services {
  repos: Repos;
  units: UnitsService;
  people: PeopleService;
  roster: RosterService;
  records: RecordsService;
  eligibility: EligibilityService;
  jobs: Jobs;
  /** Labelled jobs a crash cut short, to be told to the user. */
  interrupted: JobJournalService;
  batches: BatchService;
  kits: KitExporter;
  pdf: PdfEngine;
  inbox: InboxService;
  letters: LettersService;
  /** Records read from filed documents, waiting for HR; the text of filed documents is repos.documentText. */
  suggestions: SuggestionsService;
  /** A filed document read again, every page, at HR's asking. */
  readFiled: ReturnType<typeof createFiledReader>;
  library: Library;
  backups: BackupService;
  integrity: IntegrityService;
  paths: WorkspacePaths;
  info: { version: string; dataDir: string };
}

export interface App {
  paths: WorkspacePaths;
  services: Services;
  database: OpenedDatabase;
  invoke(name: string, input: unknown, ctx?: CallContext): Promise<Envelope<unknown>>;
  close(): void;
}

/** The database cannot be opened: the message says so and where the backups are. */
export class WorkspaceDamagedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceDamagedError';
  }
}

/** Names the newest sound backup, in whichever backup folder it is (the chosen one or the workspace's). */
function damaged(paths: WorkspacePaths, error: DatabaseCorruptError): WorkspaceDamagedError {
  const latest = workspaceBackups(paths.root).find((b) => b.verified);
  const searched = backupLocation(paths.root)
    .dirs.map((dir) => `「${dir}」`)
    .join('和');
  const hint = latest
    ? `最近一份校验通过的备份是 ${new Date(latest.createdAt).toLocaleString('zh-CN')} 的「${latest.name}」（在「${dirname(latest.file)}」中）。` +
      `可用命令恢复：zhicheng workspace restore --data "${paths.root}" --latest（损坏的文件会被保留）。`
    : `${searched}中没有可用的备份；请从导出的工作区归档导入，或联系技术支持。`;
  return new WorkspaceDamagedError(`${error.message}。${hint}`);
}

export async function openApp(options: OpenAppOptions): Promise<App> {
  const paths = ensureWorkspace(options.dataDir);
  const backupsAt = () => backupLocation(paths.root);
  let database: OpenedDatabase;
  try {
    database = await openDatabase({
      file: paths.dbFile,
      // Before a migration: in the chosen backup folder when it can be reached, else in the workspace's.
      backupDir: reachable(backupsAt()) ? backupsAt().dir : paths.backupsDir,
      migrationsFolder: options.migrationsFolder,
      nativeBinding: options.nativeBinding,
    });
  } catch (error) {
    if (error instanceof DatabaseCorruptError) throw damaged(paths, error);
    throw error;
  }
  const backups = createBackupService({
    sqlite: database.sqlite,
    backupsDir: paths.backupsDir,
    libraryDir: paths.libraryDir,
    location: backupsAt,
    migrationsFolder: database.migrationsFolder,
    now: options.now,
  });
  const integrity = createIntegrityService({
    sqlite: database.sqlite,
    root: paths.root,
    libraryDir: paths.libraryDir,
    onError: (error) => logInternalError('integrity.startup', error),
  });
  // A new workspace has nothing to lose yet; an existing one gets its first backup of the day.
  if (options.startup?.dailyBackup !== false && !database.created) {
    await backups.dailyIfDue().catch((error: unknown) => logInternalError('backups.daily', error));
  }
  if (options.startup?.integrityCheck !== false) integrity.checkInBackground();
  const emit = options.emit ?? ignoreEvents;
  const repos = createRepos(database.db, options.actor ?? 'user');
  const actor = options.actor ?? 'user';
  const library = createLibrary(paths.libraryDir, repos);
  // One process holds the workspace, so any kit temp or archive scratch left is a crash's,
  // and any job still written down as running was cut short.
  sweepExportDirs(repos);
  sweepInterruptedExports(paths.root);
  sweepBackupScratch(backupsAt().dirs);
  const interrupted = createJobJournal(repos);
  interrupted.collectInterrupted();
  const batches = createBatchService(repos, emit, actor);
  // The engine's processes start on the first job, so hosts that never touch a PDF pay nothing.
  const pdf = createPdfEngine(options.pdfEngine);
  const fitToLimit: FitToLimit = async (bytes, maxBytes, name) => {
    try {
      return { ok: true, bytes: (await pdf.compress({ bytes, name }, maxBytes)).bytes };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, message: error.message };
      throw error;
    }
  };
  const imports = createImportService(repos, emit);
  const suggestions = createSuggestions(repos, emit);
  const services: Services = {
    repos,
    units: createUnitsService(repos),
    // Deleting a person takes their files out of the library (those no one else's document uses),
    // held beside the backups that still point at them.
    people: createPeopleService(repos, emit, { library, db: database.db, heldDir: heldFilesDir(paths.backupsDir) }),
    roster: createRosterService(repos, imports),
    records: createRecordsService(repos, imports),
    eligibility: createEligibilityService(repos, emit),
    jobs: createJobs(emit, interrupted),
    interrupted,
    library,
    backups,
    integrity,
    batches,
    kits: createKitExporter(repos, library, batches, fitToLimit),
    pdf,
    letters: createLettersService({ db: database.db, repos, library }),
    suggestions,
    readFiled: createFiledReader({ repos, library, engine: pdf, suggestions, modelDir: options.ocrModelDir }),
    // The inbox's own event map is the same as the contract's inbox events, typed on its side.
    inbox: createInboxService({
      db: database.db,
      repos,
      library,
      engine: pdf,
      dataDir: paths.root,
      emit: (name, payload) => emit(name, payload as never),
      pipeline: {
        // Files are known by what they say as well as by their names; what they say becomes suggestions.
        reader: contentReader({ modelDir: options.ocrModelDir }),
        suggest: (documentId, employeeId, fields) => void suggestions.suggest(documentId, employeeId, fields),
        ...options.inbox,
      },
    }),
    paths,
    info: { version: options.version ?? '0.0.0', dataDir: paths.root },
  };
  const handlers = createHandlers(services, {
    sqlite: database.sqlite,
    migrationsFolder: database.migrationsFolder,
    version: services.info.version,
    emit,
    pickFolder: options.pickFolder,
  });
  return {
    paths,
    services,
    database,
    invoke: async (name, input, ctx) => {
      const answer = await dispatch(handlers, name, input, ctx, {
        onInternalError: logInternalError,
        ...options.dispatchOptions,
      });
      const list = LIST_CHANGES[name as RouteName];
      if (answer.ok && list) emit('lists.changed', { list });
      return answer;
    },
    close: () => {
      integrity.stop();
      void services.inbox.stop();
      void pdf.close();
      database.close();
    },
  };
}
