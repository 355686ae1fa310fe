/**
 * The whole domain's tables. Later features add columns, not tables' rethinks: declarations,
 * documents and the audit log are here from the start. Dates are ISO text ('YYYY-MM-DD', or
 * 'YYYY-MM' when only the month is known); timestamps are ISO-8601 UTC.
 */
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const units = sqliteTable('units', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  creditCode: text('credit_code').notNull().unique(),
  /** 工作单位性质, as the portal asks it. */
  nature: text('nature'),
  /** 所属行政区划, e.g. '南京市/市本级'. */
  region: text('region'),
  /** 行政主管部门. */
  authority: text('authority'),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  address: text('address'),
  /** The seal image in the document library (content-addressed path). */
  sealPath: text('seal_path'),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  ...timestamps,
});

export const employees = sqliteTable(
  'employees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The unit that employs the person and pays their social insurance. */
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    idNumber: text('id_number').notNull().unique(),
    /** Derived from the ID number, stored for queries and letters. */
    gender: text('gender', { enum: ['男', '女'] }).notNull(),
    birthDate: text('birth_date').notNull(),
    phone: text('phone'),
    employeeNo: text('employee_no'),
    department: text('department'),
    position: text('position'),
    hiredOn: text('hired_on'),
    /** First professional work after graduation: where the eligibility years start. */
    workStartedOn: text('work_started_on'),
    category: text('category', { enum: ['事业编制', '企业', '劳务派遣', '其他'] }),
    specialty: text('specialty'),
    email: text('email'),
    politicalStatus: text('political_status', { enum: ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'] }),
    notes: text('notes'),
    ...timestamps,
  },
  (t) => [
    index('employees_unit').on(t.unitId),
    index('employees_department').on(t.department),
    index('employees_name').on(t.name),
  ],
);

const owner = () =>
  integer('employee_id')
    .notNull()
    .references(() => employees.id, { onDelete: 'cascade' });

export const educations = sqliteTable(
  'educations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: owner(),
    level: text('level', { enum: ['中专', '大专', '本科', '硕士', '博士'] }).notNull(),
    degree: text('degree', { enum: ['学士', '硕士', '博士', '第二学士'] }),
    school: text('school'),
    major: text('major'),
    enrolledOn: text('enrolled_on'),
    graduatedOn: text('graduated_on'),
    diplomaNo: text('diploma_no'),
    degreeNo: text('degree_no'),
    majorMatches: integer('major_matches', { mode: 'boolean' }).notNull().default(true),
    highestForSpecialty: integer('highest_for_specialty', { mode: 'boolean' }).notNull().default(false),
    /** The document this record was read from, when it came from an accepted suggestion. */
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('educations_employee').on(t.employeeId)],
);

export const workHistory = sqliteTable(
  'work_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: owner(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on'),
    organization: text('organization').notNull(),
    position: text('position'),
    duties: text('duties'),
    ...timestamps,
  },
  (t) => [index('work_history_employee').on(t.employeeId)],
);

export const titles = sqliteTable(
  'titles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: owner(),
    series: text('series').notNull(),
    specialty: text('specialty'),
    level: text('level', { enum: ['员级', '助理级', '中级', '副高级', '正高级'] }).notNull(),
    obtainedOn: text('obtained_on').notNull(),
    via: text('via', { enum: ['初定', '评审', '认定', '考试'] }).notNull(),
    certificateNo: text('certificate_no'),
    issuer: text('issuer'),
    /** The document this record was read from, when it came from an accepted suggestion. */
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('titles_employee').on(t.employeeId)],
);

export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: owner(),
    year: integer('year').notNull(),
    result: text('result', { enum: ['优秀', '合格', '基本合格', '不合格', '不定等次'] }).notNull(),
    notes: text('notes'),
    /** The document this record was read from, when it came from an accepted suggestion. */
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('assessments_employee_year').on(t.employeeId, t.year)],
);

export const continuingEducation = sqliteTable(
  'continuing_education',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: owner(),
    year: integer('year').notNull(),
    course: text('course'),
    hours: real('hours').notNull(),
    category: text('category', { enum: ['公需', '专业'] }).notNull(),
    certificateNo: text('certificate_no'),
    /** The document this record was read from, when it came from an accepted suggestion. */
    documentId: integer('document_id').references(() => documents.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [index('continuing_education_employee_year').on(t.employeeId, t.year)],
);

export const batches = sqliteTable('batches', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  type: text('type', { enum: ['初定', '评审', '历史职称数据登记', '证书补办'] }).notNull(),
  region: text('region'),
  receivingOffice: text('receiving_office'),
  windowStart: text('window_start'),
  windowEnd: text('window_end'),
  deadline: text('deadline'),
  notes: text('notes'),
  ...timestamps,
});

const DECLARATION_STATUS = ['准备中', '材料齐全', '已导出', '已提交', '退回修改', '已通过', '已领证'] as const;

export const declarations = sqliteTable(
  'declarations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    employeeId: owner(),
    /** 序号 in the batch, used in kit folder names. */
    seq: integer('seq').notNull(),
    targetLevel: text('target_level', { enum: ['员级', '助理级', '中级', '副高级', '正高级'] }),
    series: text('series'),
    /** 专业 path as the portal's picker shows it, e.g. '工程/电子信息/通信工程'. */
    specialty: text('specialty'),
    status: text('status', { enum: DECLARATION_STATUS }).notNull().default('准备中'),
    returnReason: text('return_reason'),
    /** 工作总结, typed into the portal. */
    summary: text('summary'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('declarations_batch_employee').on(t.batchId, t.employeeId),
    index('declarations_employee').on(t.employeeId),
  ],
);

export const declarationStatusHistory = sqliteTable(
  'declaration_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    declarationId: integer('declaration_id')
      .notNull()
      .references(() => declarations.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: DECLARATION_STATUS }),
    toStatus: text('to_status', { enum: DECLARATION_STATUS }).notNull(),
    reason: text('reason'),
    changedBy: text('changed_by').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('declaration_status_history_declaration').on(t.declarationId)],
);

export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: integer('employee_id').references(() => employees.id, { onDelete: 'cascade' }),
    declarationId: integer('declaration_id').references(() => declarations.id, { onDelete: 'set null' }),
    /** 材料类型, e.g. 学历证书, 年度考核, 单位同意证明. */
    materialType: text('material_type').notNull(),
    year: integer('year'),
    title: text('title'),
    /** The name the user knows it by (the scanned file's name, or the generated name). */
    fileName: text('file_name').notNull(),
    /** Path inside the workspace library, derived from the sha256: the library is content-addressed. */
    storedPath: text('stored_path').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    mime: text('mime').notNull(),
    pages: integer('pages'),
    source: text('source', { enum: ['扫描', '导入', '生成', '手动'] }).notNull(),
    /** The unprocessed original this document was made from, when there is one. */
    originalId: integer('original_id'),
    /** For 学信网备案表 and the like: the last day it is valid. */
    validUntil: text('valid_until'),
    /** The 学信网备案表's 在线验证码, read from it: the portal asks for it beside the PDF. */
    verificationCode: text('verification_code'),
    status: text('status', { enum: ['active', 'superseded', 'trashed'] })
      .notNull()
      .default('active'),
    ...timestamps,
  },
  (t) => [
    index('documents_employee_type').on(t.employeeId, t.materialType),
    index('documents_sha256').on(t.sha256),
    index('documents_declaration').on(t.declarationId),
  ],
);

/**
 * A record read from a filed document (「从材料识别，待确认」): nothing reaches the records until HR
 * accepts it, and an accepted one becomes an ordinary record that names its document.
 * The text of every filed document is in the FTS5 table `document_text` (rowid = documents.id,
 * trigram tokenizer, so Chinese is searchable without a word list), made by hand in 0002.
 */
export const recordSuggestions = sqliteTable(
  'record_suggestions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    employeeId: owner(),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['education', 'title', 'assessment', 'ce'] }).notNull(),
    /** The record's fields as read (JSON), before HR's edits. */
    fields: text('fields').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'rejected'] })
      .notNull()
      .default('pending'),
    /** The record made when it was accepted. */
    recordId: integer('record_id'),
    decidedAt: text('decided_at'),
    ...timestamps,
  },
  (t) => [
    index('record_suggestions_employee').on(t.employeeId, t.status),
    uniqueIndex('record_suggestions_document_kind').on(t.documentId, t.kind),
  ],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    /** A short Chinese description; never an ID or phone number. */
    detail: text('detail'),
  },
  (t) => [index('audit_log_entity').on(t.entity, t.entityId)],
);

/** Workspace settings as JSON values (rule packs, size limits, watched folders). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

// ── Scan-folder pipeline (材料收件箱) ───────────────────────────────────────────────────────────

/** A folder HR scans into: files dropped here are filed to a person and a material type. */
export const watchedFolders = sqliteTable('watched_folders', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  path: text('path').notNull().unique(),
  label: text('label'),
  /** Used when a file's name says nothing about the material. */
  materialType: text('material_type'),
  /** One person's folder: every file in it is theirs. */
  employeeId: integer('employee_id').references(() => employees.id, { onDelete: 'set null' }),
  /** Poll instead of OS events (network shares); null: decided from the path (UNC → poll). */
  polling: integer('polling', { mode: 'boolean' }),
  /** How long size and time must stay unchanged; null: 10 s locally, 25 s on a share. */
  stableSeconds: integer('stable_seconds'),
  /** What happens to a processed source: moved to 已处理/, or deleted after `deleteAfterDays`. */
  afterFiling: text('after_filing', { enum: ['move', 'delete'] })
    .notNull()
    .default('move'),
  deleteAfterDays: integer('delete_after_days').notNull().default(7),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  ...timestamps,
});

/**
 * The journal of the scan-folder pipeline: one row per file found (and per part of a split
 * stack), with the state it reached. It is the only truth about where a file is; every step is
 * committed here before the next one starts, so a restart resumes each file where it stopped.
 */
export const inboxFiles = sqliteTable(
  'inbox_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    folderId: integer('folder_id').references(() => watchedFolders.id, { onDelete: 'set null' }),
    /** A part of a stack split by cover sheets: the stack's row. */
    parentId: integer('parent_id'),
    /** Names the claimed file and the work folder, never the scanner's name (scanners reuse names). */
    jobId: text('job_id').notNull().unique(),
    /** Where it was found, relative to the folder ('/'-separated); subfolders may name the person. */
    relPath: text('rel_path').notNull(),
    sourceName: text('source_name').notNull(),
    /** The file after claiming: <folder>/.zhicheng/claimed/<jobId>__<name>. */
    claimedPath: text('claimed_path'),
    /** Read-only folder: the file is copied where it lies and remembered, never moved. */
    copyOnly: integer('copy_only', { mode: 'boolean' }).notNull().default(false),
    size: integer('size').notNull(),
    mtimeMs: real('mtime_ms').notNull(),
    /** When this size and time were first seen (epoch ms): the stability window starts here. */
    sameSince: real('same_since').notNull(),
    state: text('state').notNull(),
    attempt: integer('attempt').notNull().default(0),
    /** A retry waits until then (epoch ms); null: ready. */
    nextAt: real('next_at'),
    firstErrorAt: real('first_error_at'),
    lastError: text('last_error'),
    /** The state a quarantined or reviewed file left, where a retry resumes. */
    failedState: text('failed_state'),
    /** The original as secured in the library. */
    sha256: text('sha256'),
    bytes: integer('bytes'),
    storedPath: text('stored_path'),
    kind: text('kind'),
    pages: integer('pages'),
    originalDocId: integer('original_doc_id'),
    duplicateOfDocId: integer('duplicate_of_doc_id'),
    duplicateOfFileId: integer('duplicate_of_file_id'),
    /** Where it goes. */
    employeeId: integer('employee_id').references(() => employees.id, { onDelete: 'set null' }),
    materialType: text('material_type'),
    year: integer('year'),
    matchedBy: text('matched_by'),
    /** Why it needs review, or what the matcher considered (shown to the user). */
    reviewReason: text('review_reason'),
    candidates: text('candidates'),
    /** A part's pages of the stack (JSON, 1-based). */
    partPages: text('part_pages'),
    /** Work files (converted, compressed) and the filed result. */
    workPath: text('work_path'),
    outputSha256: text('output_sha256'),
    outputBytes: integer('output_bytes'),
    outputName: text('output_name'),
    documentId: integer('document_id'),
    /** Where the released source goes (decided before it moves), and when it may be purged. */
    releaseTarget: text('release_target'),
    releasedAt: real('released_at'),
    purgeAt: real('purge_at'),
    purged: integer('purged', { mode: 'boolean' }).notNull().default(false),
    /** Engine runs started on this file and not finished: counted before each starts, so a file
     * that killed the engine (or the app) twice is quarantined instead of killing it again. */
    engineRuns: integer('engine_runs').notNull().default(0),
    /** What reading the pages found (JSON: each page's text and source, the evidence). */
    reading: text('reading'),
    ...timestamps,
  },
  (t) => [
    index('inbox_files_state').on(t.state),
    index('inbox_files_folder_path').on(t.folderId, t.relPath),
    index('inbox_files_sha256').on(t.sha256),
    index('inbox_files_parent').on(t.parentId),
  ],
);

/** Append-only: every state a file reached, and every error, in order. */
export const inboxEvents = sqliteTable(
  'inbox_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    fileId: integer('file_id')
      .notNull()
      .references(() => inboxFiles.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    state: text('state').notNull(),
    detail: text('detail'),
  },
  (t) => [index('inbox_events_file').on(t.fileId)],
);
