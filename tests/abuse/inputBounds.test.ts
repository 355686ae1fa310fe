/** Bounds on input: a material's year, and a workbook that unpacks to far more than it weighs. */
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatePeople, rosterRows, xlsxBytes } from '../support/people';
import { smallPdf } from '../support/documents';
import { openTestWorkspace, toBase64, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace;
let personId: number;
beforeAll(async () => {
  ws = await openTestWorkspace();
  const [person] = generatePeople(1, 3);
  personId = (await ws.call('people.save', { name: person!.name, idNumber: person!.idNumber })).person.id;
});
afterAll(() => ws.cleanup());

it.each([99_999_999_999, 1949, new Date().getFullYear() + 2, 2020.5])(
  'documents.add refuses the year %s, in Chinese',
  async (year) => {
    const file = { fileName: '学历证书.pdf', base64: toBase64(await smallPdf('diploma')) };
    const refused = await ws.app.invoke('documents.add', {
      employeeId: personId,
      materialType: '学历证书',
      year,
      files: [file],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/年份/) } });
  },
);

it('documents.update refuses a year after next year', async () => {
  const refused = await ws.app.invoke('documents.update', { id: 1, year: new Date().getFullYear() + 2 });
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'BAD_INPUT', message: expect.stringContaining('年份不能晚于明年') },
  });
});

it('a roster workbook that unpacks past 64 MB is refused before it is parsed', async () => {
  const entries = unzipSync(await xlsxBytes(rosterRows(generatePeople(3, 5))));
  // 96 MB of blank cells' worth of padding in one part: a few hundred KB once deflated.
  entries['xl/worksheets/padding.xml'] = new Uint8Array(96 * 1024 * 1024).fill(0x20);
  const bloated = zipSync(entries, { level: 1 });
  expect(bloated.length).toBeLessThan(3 * 1024 * 1024);
  const refused = await ws.app.invoke('roster.preview', { fileName: '名单.xlsx', base64: toBase64(bloated) });
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'BAD_INPUT', message: expect.stringContaining('文件「名单.xlsx」解压后超过64MB') },
  });
});
