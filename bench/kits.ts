/** Upload kits for 200 people with 10 PDFs each, beside a plain recursive copy of the same files. */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { smallPdf } from '../tests/support/documents';
import { generatePeople } from '../tests/support/people';
import { openTestWorkspace, tempDir } from '../tests/support/workspace';
import { median, report } from './support';

const TYPES: Array<[string, number | null]> = [
  ['学历证书', null],
  ['学位证书', null],
  ['学信网备案表', null],
  ['年度考核表', 2024],
  ['年度考核表', 2025],
  ['继续教育证书', 2024],
  ['继续教育证书', 2025],
  ['单位同意证明', null],
  ['诚信承诺书', null],
  ['社保缴费证明', null],
];

export async function benchKits(): Promise<void> {
  const count = 200;
  const ws = await openTestWorkspace();
  const out = tempDir('zhicheng-bench-kits-');
  try {
    const batch = await ws.call('batches.save', { name: '基准', type: '初定', deadline: '2026-12-31' });
    const template = await smallPdf('scan', 60 * 1024);
    const people = [];
    for (const [i, p] of generatePeople(count, 77).entries()) {
      const { person } = await ws.call('people.save', {
        name: p.name,
        idNumber: p.idNumber,
        workStartedOn: '2023-07-01',
        category: '事业编制',
      });
      for (const [j, [materialType, year]] of TYPES.entries()) {
        // Distinct bytes per file, as real scans are: the library stores each content once.
        const bytes = new Uint8Array(template);
        bytes.set(new TextEncoder().encode(`%${i}-${j}`), bytes.length - 16);
        ws.app.services.library.store(bytes, {
          employeeId: person.id,
          declarationId: null,
          materialType,
          year,
          title: null,
          fileName: `${materialType}.pdf`,
          mime: 'application/pdf',
          pages: 1,
          source: '扫描',
          originalId: null,
          validUntil: null,
        });
      }
      people.push({ personId: person.id });
    }
    await ws.call('batches.addPeople', { batchId: batch.id, people });
    const bytes = count * TYPES.length * template.length;
    console.log(`\n上传材料包 (${count} people × ${TYPES.length} PDFs, ${(bytes / 1048576).toFixed(0)} MB)`);

    let run = 0;
    const copy = await median(3, () =>
      cpSync(ws.app.paths.libraryDir, join(out, `copy-${run++}`), { recursive: true }),
    );
    const exportMs = await median(3, () =>
      ws.app.services.kits.export({ batchId: batch.id, outDir: join(out, `kits-${run++}`) }),
    );
    report(`kit export, ${count} people (median of 3)`, exportMs, 'cp -r of the same files', copy);
  } finally {
    ws.cleanup();
    rmSync(out, { recursive: true, force: true });
  }
}
