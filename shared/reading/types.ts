/**
 * What reading a document finds: the contract between the readers (text layer, OCR), the
 * extractors, the inbox's matching and the suggestions HR confirms. Pure data, so the CLI's
 * `doc read --json`, the inbox journal (inbox_files.reading) and the renderer share one shape.
 */

/** Where a page's text came from: the PDF's own text layer, or OCR of its image. */
export type PageSource = 'text' | 'ocr';
/**
 * How far to read: 'text' only the PDF's own text layer (no OCR: milliseconds); 'enough' OCR as
 * well, until the document has said what it is and whose; 'all' every page.
 */
export type ReadScope = 'text' | 'enough' | 'all';
/** Clockwise degrees the page was turned to read it (and is turned in the filed PDF). */
export type Rotation = 0 | 90 | 180 | 270;

export interface PageText {
  /** 1-based. */
  page: number;
  source: PageSource;
  rotated: Rotation;
  ms: number;
  text: string;
}

/** The record kinds a document can suggest, named as RecordInput's `kind`. */
export type SuggestionKind = 'education' | 'title' | 'assessment' | 'ce';

/**
 * The fields read for each kind of record, named as in shared/domain/schemas.ts (dates ISO
 * 'YYYY-MM-DD' or 'YYYY-MM'); only what the document says, nothing guessed.
 */
export interface SuggestedFields {
  education?: {
    level?: '中专' | '大专' | '本科' | '硕士' | '博士';
    degree?: '学士' | '硕士' | '博士' | '第二学士';
    school?: string;
    major?: string;
    enrolledOn?: string;
    graduatedOn?: string;
    diplomaNo?: string;
    degreeNo?: string;
  };
  title?: {
    series?: string;
    specialty?: string;
    level?: '员级' | '助理级' | '中级' | '副高级' | '正高级';
    obtainedOn?: string;
    via?: '初定' | '评审' | '认定' | '考试';
    certificateNo?: string;
    issuer?: string;
  };
  assessment?: { year?: number; result?: '优秀' | '合格' | '基本合格' | '不合格' | '不定等次' };
  ce?: { year?: number; hours?: number; category?: '公需' | '专业'; course?: string; certificateNo?: string };
}

/** A 学信网备案表's own facts, kept on its document (the portal asks for the code). */
export interface FilingFacts {
  /** 在线验证码. */
  verificationCode?: string;
  /** 更新日期: the valid-until is this plus the rule pack's validity. */
  updatedOn?: string;
}

export interface DocumentReading {
  pages: PageText[];
  /** A material type of shared/domain/materials.ts, from what the document says it is. */
  type: string | null;
  /** The material's year (考核年度, 2023年度, 二〇二〇年), never the day it was scanned. */
  year: number | null;
  /** 18-digit 身份证号 found in the text that pass the GB 11643 checksum, in order found. */
  idNumbers: string[];
  /** Names found beside a 姓名 label or in the first lines: candidates, not yet matched. */
  names: string[];
  /** 工号 found beside a 工号 label. */
  employeeNos: string[];
  fields: SuggestedFields;
  filing: FilingFacts;
}

/** Who a reading points to, against the roster; `by` says which evidence decided. */
export type ReadingPerson = {
  personId: number;
  idNumber: string;
  name: string;
  by: 'idNumber' | 'name' | 'employeeNo';
} | null;
