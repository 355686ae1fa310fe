/**
 * The composition root shared by every host: paths → database (migrated after a backup) →
 * repositories → services → handlers. Electron, the CLI, the web host and the tests all build
 * the app through this one function, so they run the same code on the same data.
 */
import { createRepos, openDatabase, type OpenedDatabase, type Repos } from '../../db';
import { dispatch, type CallContext, type DispatchOptions } from '../../shared/api/dispatch';
import { AppError } from '../../shared/api/errors';
import type { Envelope } from '../../shared/api/contract';
import { ignoreEvents, type EmitEvent } from './events';
import { logInternalError } from './log';
import { createHandlers } from './handlers';
import { createEligibilityService, type EligibilityService } from './eligibility/eligibilityService';
import { createBatchService, type BatchService } from './batches/batchService';
import { createJobs, type Jobs } from './jobs/jobs';
import { createKitExporter, type FitToLimit, type KitExporter } from './kits/kitExport';
import { createPdfEngine, type PdfEngine } from './pdf/engine';
import { createInboxService, type InboxService } from './inbox';
import { createLettersService, type LettersService } from './letters/lettersService';
import { createLibrary, type Library } from './library/library';
import { createPeopleService, type PeopleService } from './people/peopleService';
import { createRosterService, type RosterService } from './roster/rosterService';
import { createUnitsService, type UnitsService } from './units/unitsService';
import { ensureWorkspace, type WorkspacePaths } from './workspace';

export interface OpenAppOptions {
  dataDir: string;
  /** Who is acting, for the audit log: the OS user name, or 'cli'. */
  actor?: string;
  version?: string;
  emit?: EmitEvent;
  migrationsFolder?: string;
  nativeBinding?: string;
  dispatchOptions?: DispatchOptions;
}

export interface Services {
  repos: Repos;
  units: UnitsService;
  people: PeopleService;
  roster: RosterService;
  eligibility: EligibilityService;
  jobs: Jobs;
  batches: BatchService;
  kits: KitExporter;
  pdf: PdfEngine;
  inbox: InboxService;
  letters: LettersService;
  library: Library;
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

export async function openApp(options: OpenAppOptions): Promise<App> {
  const paths = ensureWorkspace(options.dataDir);
  const database = await openDatabase({
    file: paths.dbFile,
    backupDir: paths.backupsDir,
    migrationsFolder: options.migrationsFolder,
    nativeBinding: options.nativeBinding,
  });
  const emit = options.emit ?? ignoreEvents;
  const repos = createRepos(database.db, options.actor ?? 'user');
  const actor = options.actor ?? 'user';
  const library = createLibrary(paths.libraryDir, repos);
  const batches = createBatchService(repos, emit, actor);
  // Workers start on the first job, so hosts that never touch a PDF pay nothing.
  const pdf = createPdfEngine();
  const fitToLimit: FitToLimit = async (bytes, maxBytes, name) => {
    try {
      return { ok: true, bytes: (await pdf.compress({ bytes, name }, maxBytes)).bytes };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, message: error.message };
      throw error;
    }
  };
  const services: Services = {
    repos,
    units: createUnitsService(repos),
    people: createPeopleService(repos, emit),
    roster: createRosterService(repos, emit),
    eligibility: createEligibilityService(repos, emit),
    jobs: createJobs(emit),
    library,
    batches,
    kits: createKitExporter(repos, library, batches, fitToLimit),
    pdf,
    letters: createLettersService({ db: database.db, repos, library }),
    // The inbox's own event map is the same as the contract's inbox events, typed on its side.
    inbox: createInboxService({
      db: database.db,
      repos,
      library,
      engine: pdf,
      dataDir: paths.root,
      emit: (name, payload) => emit(name, payload as never),
    }),
    paths,
    info: { version: options.version ?? '0.0.0', dataDir: paths.root },
  };
  const handlers = createHandlers(services);
  return {
    paths,
    services,
    database,
    invoke: (name, input, ctx) =>
      dispatch(handlers, name, input, ctx, { onInternalError: logInternalError, ...options.dispatchOptions }),
    close: () => {
      void services.inbox.stop();
      void pdf.close();
      database.close();
    },
  };
}
