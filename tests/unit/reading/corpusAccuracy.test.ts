/**
 * Reading, extracting and identifying over the whole generated corpus (45 scanner- and
 * phone-named files: 300/150 dpi scans, images, a skew, one upside down, phone photos, text-layer
 * PDFs) against its ground truth. Prints the accuracy table; asserts that nobody is taken for
 * someone else, and the rates the issue asks for.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identify } from '../../../shared/reading/identify';
import type { DocumentReading } from '../../../shared/reading/types';
import { readDocumentHere } from '../../../electron/services/reading/readDocument';
import { CORPUS_ROSTER, generateReadingCorpus, type CorpusTruth } from '../../support/readingCorpus';
import { tempDir } from '../../support/workspace';

const dir = tempDir('zhicheng-reading-');
let truths: CorpusTruth[] = [];
const results: Array<{ truth: CorpusTruth; reading: DocumentReading; personId: number | null; reason?: string }> = [];

beforeAll(async () => {
  truths = await generateReadingCorpus(dir);
  for (const truth of truths) {
    const reading = await readDocumentHere(await readFile(join(dir, truth.file)), truth.file);
    const who = identify(reading, CORPUS_ROSTER);
    results.push({ truth, reading, personId: who.person?.personId ?? null, reason: who.reason });
  }
}, 30 * 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const share = (n: number, of: number) => `${n}/${of}`;

describe('reading the generated corpus', () => {
  it('has at least 40 files of every form the issue names', () => {
    expect(truths.length).toBeGreaterThanOrEqual(40);
    const forms = new Set(truths.map((t) => t.form));
    for (const form of ['scan300', 'scan150', 'jpg150', 'skew', 'upsideDown', 'phone', 'textPdf'])
      expect(forms).toContain(form);
    expect(new Set(truths.map((t) => t.type)).size).toBeGreaterThanOrEqual(9);
  });

  it('takes nobody for someone else, and files at least 95 % to the right person, type and year', () => {
    const withId = results.filter((r) => r.truth.idNumber);
    const ids = withId.filter((r) => same(r.reading.idNumbers, [r.truth.idNumber]));
    const named = results.filter((r) => r.reading.names.includes(r.truth.name));
    const types = results.filter((r) => r.reading.type === r.truth.type);
    const years = results.filter((r) => r.reading.year === r.truth.year);
    const people = results.filter((r) => r.personId === r.truth.personId);
    const suggesting = results.filter((r) => Object.keys(r.truth.fields).length > 0);
    const fields = suggesting.filter((r) => same(r.reading.fields, r.truth.fields));
    const fieldValues = suggesting.flatMap((r) =>
      Object.entries(r.truth.fields).flatMap(([kind, values]) =>
        Object.entries(values as object).map(
          ([key, value]) => (r.reading.fields as Record<string, Record<string, unknown>>)[kind]?.[key] === value,
        ),
      ),
    );
    const filed = results.filter(
      (r) =>
        r.personId !== null &&
        r.personId === r.truth.personId &&
        r.reading.type === r.truth.type &&
        r.reading.year === r.truth.year,
    );
    const wrong = results.filter((r) => r.personId !== null && r.personId !== r.truth.personId);
    console.log(
      [
        '| measure | right |',
        '|---|---|',
        `| ID numbers (files with one) | ${share(ids.length, withId.length)} |`,
        `| names read | ${share(named.length, results.length)} |`,
        `| type | ${share(types.length, results.length)} |`,
        `| year | ${share(years.length, results.length)} |`,
        `| person (asked where only asking is right) | ${share(people.length, results.length)} |`,
        `| filed to right person, type and year | ${share(filed.length, truths.filter((t) => t.personId).length)} |`,
        `| wrong person | ${wrong.length} |`,
        `| documents with all fields right | ${share(fields.length, suggesting.length)} |`,
        `| field values right | ${share(fieldValues.filter(Boolean).length, fieldValues.length)} |`,
      ].join('\n'),
    );
    for (const r of results.filter((r) => r.personId === null)) console.log(`待确认 ${r.truth.file}: ${r.reason}`);
    expect(wrong.map((r) => r.truth.file)).toEqual([]);
    expect(filed.length / truths.filter((t) => t.personId).length).toBeGreaterThanOrEqual(0.95);
    expect(ids.length).toBe(withId.length);
    expect(types.length / results.length).toBeGreaterThanOrEqual(0.95);
    expect(fieldValues.filter(Boolean).length / fieldValues.length).toBeGreaterThanOrEqual(0.95);
  });

  it('asks, with the reason, about a namesake’s document without an ID number', () => {
    const namesakes = results.filter((r) => r.truth.personId === null);
    expect(namesakes.length).toBeGreaterThan(0);
    for (const r of namesakes) expect(r.reason).toContain('同名');
  });

  it('turns the upside-down scan and no other page', () => {
    for (const r of results)
      expect([r.truth.file, r.reading.pages[0]!.rotated]).toEqual([r.truth.file, r.truth.rotated]);
  });

  it('reads text-layer PDFs without OCR, scans and photos with it, one page each', () => {
    for (const r of results) {
      expect(r.reading.pages.map((p) => p.source)).toEqual([r.truth.form === 'textPdf' ? 'text' : 'ocr']);
    }
  });
});
