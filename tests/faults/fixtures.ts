/** Workspaces for the fault tests, built through the real API and closed so a child can open them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { generatePeople, rosterRows, xlsxBytes } from '../support/people';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../support/workspace';

/** A valid one-page PDF of about `bytes` that does not compress (zips stay as big as their files). */
export async function randomPdf(label: string, bytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  doc.setTitle(label);
  doc.setSubject(randomBytes(Math.ceil(bytes * 0.75)).toString('base64'));
  return doc.save({ useObjectStreams: false });
}

/** An empty workspace on disk, and a roster file of `count` people beside it. */
export async function rosterFixture(count: number): Promise<{ dataDir: string; file: string }> {
  const dataDir = tempDir('zhicheng-fault-');
  (await openTestWorkspace(dataDir)).app.close();
  const file = join(dataDir, '..', `${dataDir.split('/').pop()}-名单.xlsx`);
  writeFileSync(file, await xlsxBytes(rosterRows(generatePeople(count, 5))));
  return { dataDir, file };
}

/** A batch of `count` applicants, each with `files` documents the 初定 checklist puts in a kit. */
export async function kitFixture(
  count: number,
  files = 4,
  bytes = 40_000,
): Promise<{ dataDir: string; batchId: number }> {
  const ws: TestWorkspace = await openTestWorkspace();
  await ws.call('units.save', {
    name: '江苏某某工程有限公司',
    creditCode: '91110000600037341L',
    nature: '企业',
    authority: '无',
  });
  const people = generatePeople(count, 9);
  const ids: number[] = [];
  const types = ['学历证书', '学位证书', '单位同意证明', '诚信承诺书', '学信网备案表'].slice(0, files);
  for (const p of people) {
    const { person } = await ws.call('people.save', {
      name: p.name,
      idNumber: p.idNumber,
      workStartedOn: '2022-07-01',
      category: '事业编制',
    });
    ids.push(person.id);
    for (const materialType of types) {
      ws.app.services.library.store(await randomPdf(`${p.name} ${materialType}`, bytes), {
        employeeId: person.id,
        declarationId: null,
        materialType,
        year: null,
        title: null,
        fileName: `${materialType}.pdf`,
        mime: 'application/pdf',
        pages: 1,
        source: '扫描',
        originalId: null,
        validUntil: null,
      });
    }
  }
  const batch = await ws.call('batches.save', {
    name: '2026年初定',
    type: '初定',
    region: '江苏省/南京市/市本级',
    receivingOffice: '南京市职称办',
    deadline: '2026-12-31',
  });
  await ws.call('batches.addPeople', {
    batchId: batch.id,
    people: ids.map((personId) => ({ personId, targetLevel: '助理级' as const, specialty: '工程/电子信息/通信工程' })),
  });
  ws.app.close();
  return { dataDir: ws.dir, batchId: batch.id };
}
