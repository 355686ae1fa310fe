/**
 * Records read from documents, on a real workspace: suggestions made once per document and kind,
 * accepted (edited, validated, linked to their document, used by the eligibility engine),
 * rejected, refused as duplicates; and the documents' text searched by content.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { smallPdf } from '../../support/documents';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

const suggestions = () => ws.app.services.suggestions;
const repos = () => ws.app.services.repos;

async function person(name: string, seq: number, workStartedOn = '2022-07-01') {
  return (await ws.call('people.save', { name, idNumber: makeIdNumber('320102', '1998-01-01', seq), workStartedOn }))
    .person;
}

/** A filed document of the person, as the inbox files one. */
async function filed(personId: number, materialType: string, fileName: string, year: number | null = null) {
  return ws.app.services.library.store(await smallPdf(`${personId}-${fileName}`), {
    employeeId: personId,
    materialType,
    year,
    fileName,
    mime: 'application/pdf',
    source: '扫描',
  });
}

const refusal = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
};

const audit = () =>
  ws.app.database.sqlite
    .prepare("SELECT action, detail FROM audit_log WHERE entity = 'record_suggestions' ORDER BY id")
    .all();

describe('suggestions', () => {
  it('makes one pending suggestion per kind, and the same document again updates it instead of adding one', async () => {
    const p = await person('王磊', 11);
    const doc = await filed(p.id, '年度考核表', 'Scan_20261206_0001.pdf');
    const made = suggestions().suggest(doc.id, p.id, { assessment: { year: 2023, result: '合格' }, ce: {} });
    expect(made).toEqual([{ kind: 'assessment', id: expect.any(Number), outcome: 'created' }]);
    expect(ws.events.map((e) => e.name)).toContain('suggestions.changed');

    const again = suggestions().suggest(doc.id, p.id, { assessment: { year: 2023, result: '基本合格' } });
    expect(again).toEqual([{ kind: 'assessment', id: made[0]!.id, outcome: 'updated' }]);
    const pending = await ws.call('suggestions.list', { employeeId: p.id, status: 'pending' });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      kind: 'assessment',
      fields: { year: 2023, result: '基本合格' },
      documentName: 'Scan_20261206_0001.pdf',
      description: '年度考核 2023',
      duplicate: null,
    });

    // Decided, it stays decided: reading the document once more changes nothing.
    await ws.call('suggestions.reject', { id: made[0]!.id });
    const third = suggestions().suggest(doc.id, p.id, { assessment: { year: 2024, result: '优秀' } });
    expect(third).toEqual([{ kind: 'assessment', id: made[0]!.id, outcome: 'decided' }]);
    expect(await ws.call('suggestions.list', { employeeId: p.id })).toEqual([
      expect.objectContaining({ status: 'rejected', fields: { year: 2023, result: '基本合格' } }),
    ]);
  });

  it('accepting makes the record, linked to its document, that unblocks the person in the eligibility engine', async () => {
    const p = await person('李娜', 12, '2022-07-01');
    await ws.call('records.save', { kind: 'education', employeeId: p.id, level: '本科', graduatedOn: '2022-06-30' });
    for (const year of [2023, 2024, 2025])
      await ws.call('records.save', { kind: 'ce', employeeId: p.id, year, hours: 90, category: '专业' });
    for (const year of [2023, 2025])
      await ws.call('records.save', { kind: 'assessment', employeeId: p.id, year, result: '合格' });
    const blockers = async () =>
      (await ws.call('eligibility.person', { id: p.id, asOf: '2026-11-23' })).row.next!.blockers.map((b) => b.message);
    expect(await blockers()).toEqual(['缺少2024年度考核结果']);

    const doc = await filed(p.id, '年度考核表', 'IMG_20261206_101500.pdf', 2024);
    const [made] = suggestions().suggest(doc.id, p.id, { assessment: { year: 2024, result: '合格' } });
    expect(await blockers()).toEqual(['缺少2024年度考核结果']); // nothing written before HR accepts
    const accepted = await ws.call('suggestions.accept', { id: made!.id });
    expect(accepted).toMatchObject({ updated: false, suggestion: { status: 'accepted', recordId: accepted.recordId } });
    expect(await blockers()).toEqual([]);

    const detail = await ws.call('people.get', { id: p.id });
    expect(detail.assessments.find((a) => a.year === 2024)).toMatchObject({
      id: accepted.recordId,
      result: '合格',
      documentId: doc.id,
    });
    expect(audit()).toEqual([
      { action: '采用识别结果', detail: '李娜 年度考核 2024（来自材料「IMG_20261206_101500.pdf」）' },
    ]);
    expect(ws.events.map((e) => e.name)).toEqual(expect.arrayContaining(['suggestions.changed', 'people.changed']));
    expect((await refusal(() => ws.call('suggestions.accept', { id: made!.id }))).message).toBe(
      '该识别结果已采用，不能再处理',
    );
  });

  it('validates HR’s edits as any record, with a Chinese message naming the field, and writes nothing then', async () => {
    const p = await person('赵敏', 13);
    const doc = await filed(p.id, '继续教育证明', '扫描全能王 2026-12-06 10.15.pdf');
    const [made] = suggestions().suggest(doc.id, p.id, {
      ce: { year: 2024, hours: 24, category: '公需', certificateNo: 'GX2024-0088' },
    });
    const bad = await refusal(() => ws.call('suggestions.accept', { id: made!.id, fields: { hours: '二十四' } }));
    expect(bad).toMatchObject({ code: 'BAD_INPUT', message: '学时应为数字' });
    expect(
      (await refusal(() => ws.call('suggestions.accept', { id: made!.id, fields: { category: '选修' } }))).message,
    ).toBe('科目类别应为：公需、专业');
    expect((await refusal(() => ws.call('suggestions.accept', { id: made!.id, fields: { year: 1900 } }))).message).toBe(
      '年度不应早于1950年',
    );
    expect((await ws.call('people.get', { id: p.id })).ce).toEqual([]);
    expect((await ws.call('suggestions.list', { employeeId: p.id }))[0]!.status).toBe('pending');

    // An edit then accept: the edited value is the record's, what was read stays on the suggestion.
    const { recordId } = await ws.call('suggestions.accept', { id: made!.id, fields: { hours: '32' } });
    expect((await ws.call('people.get', { id: p.id })).ce).toEqual([
      expect.objectContaining({ id: recordId, year: 2024, hours: 32, category: '公需', documentId: doc.id }),
    ]);
    expect((await ws.call('suggestions.list', { employeeId: p.id }))[0]!.fields.hours).toBe(24);
  });

  it('an education from a 备案表 with dates normalised; a missing required field is named', async () => {
    const p = await person('陈晨', 14);
    const doc = await filed(p.id, '学信网备案表', 'doc01234520261206.pdf');
    const [made] = suggestions().suggest(doc.id, p.id, {
      education: {
        school: '南京大学',
        major: '计算机科学与技术',
        graduatedOn: '2020-06-30',
        diplomaNo: '102841202005001234',
      },
    });
    expect((await refusal(() => ws.call('suggestions.accept', { id: made!.id }))).message).toBe(
      '学历应为：中专、大专、本科、硕士、博士',
    );
    await ws.call('suggestions.accept', { id: made!.id, fields: { level: '本科', graduatedOn: '2020年6月30日' } });
    expect((await ws.call('people.get', { id: p.id })).educations).toEqual([
      expect.objectContaining({
        level: '本科',
        school: '南京大学',
        graduatedOn: '2020-06-30',
        diplomaNo: '102841202005001234',
        majorMatches: true,
        documentId: doc.id,
      }),
    ]);
  });

  it('says when the person already has the record, and accepting as an update changes only what was read', async () => {
    const p = await person('周杰', 15);
    await ws.call('records.save', {
      kind: 'title',
      employeeId: p.id,
      series: '工程',
      level: '中级',
      obtainedOn: '2021-12-01',
      via: '评审',
      issuer: '江苏省人力资源和社会保障厅',
    });
    const doc = await filed(p.id, '职称证书', 'CamScanner 12-06-2026 10.20.pdf');
    const [made] = suggestions().suggest(doc.id, p.id, {
      title: { series: '工程', level: '中级', obtainedOn: '2021-12-01', via: '评审', certificateNo: 'JS2021-0456' },
    });
    const [listed] = await ws.call('suggestions.list', { employeeId: p.id, status: 'pending' });
    expect(listed!.duplicate).toEqual({ recordId: expect.any(Number), description: '职称 中级（工程）' });

    const refused = await refusal(() => ws.call('suggestions.accept', { id: made!.id }));
    expect(refused).toEqual({
      code: 'CONFLICT',
      message: '周杰已有这条职称记录（职称 中级（工程）），可更新原记录或忽略此识别结果',
      details: { recordId: listed!.duplicate!.recordId },
    });
    expect((await ws.call('people.get', { id: p.id })).titles).toHaveLength(1);

    const updated = await ws.call('suggestions.accept', { id: made!.id, update: true });
    expect(updated).toMatchObject({ updated: true, recordId: listed!.duplicate!.recordId });
    expect((await ws.call('people.get', { id: p.id })).titles).toEqual([
      expect.objectContaining({
        certificateNo: 'JS2021-0456',
        issuer: '江苏省人力资源和社会保障厅', // not read, so kept
        documentId: doc.id,
      }),
    ]);
    expect(audit()).toEqual([
      {
        action: '采用识别结果（更新原记录）',
        detail: '周杰 职称 中级（工程）（来自材料「CamScanner 12-06-2026 10.20.pdf」）',
      },
    ]);
  });

  it('rejects, audits it, and hides the pending suggestions of a trashed document until it is restored', async () => {
    const p = await person('吴芳', 16);
    const doc = await filed(p.id, '年度考核表', 'Scan_0002.pdf');
    const other = await filed(p.id, '继续教育证明', 'Scan_0003.pdf');
    const [a] = suggestions().suggest(doc.id, p.id, { assessment: { year: 2023, result: '合格' } });
    suggestions().suggest(other.id, p.id, { ce: { year: 2023, hours: 30, category: '专业' } });
    const rejected = await ws.call('suggestions.reject', { id: a!.id });
    expect(rejected).toMatchObject({ status: 'rejected', decidedAt: expect.any(String), recordId: null });
    expect(audit()).toEqual([{ action: '忽略识别结果', detail: '吴芳 年度考核 2023（来自材料「Scan_0002.pdf」）' }]);
    expect((await refusal(() => ws.call('suggestions.reject', { id: a!.id }))).code).toBe('CONFLICT');
    expect((await ws.call('people.get', { id: p.id })).assessments).toEqual([]);

    await ws.call('documents.trash', { id: other.id });
    expect(await ws.call('suggestions.list', { employeeId: p.id, status: 'pending' })).toEqual([]);
    await ws.call('documents.restore', { id: other.id });
    expect(await ws.call('suggestions.list', { status: 'pending' })).toHaveLength(1);
  });
});

describe('search by content', () => {
  const text = repos;

  it('finds every document holding all the words (Chinese, several words), with the person and a marked snippet', async () => {
    const a = await person('王磊', 21);
    const b = await person('李娜', 22);
    const d1 = await filed(a.id, '年度考核表', 'Scan_0001.pdf', 2023);
    const d2 = await filed(b.id, '年度考核表', 'Scan_0002.pdf', 2023);
    const d3 = await filed(b.id, '年度考核表', 'Scan_0003.pdf', 2022);
    text().documentText.put(d1.id, '事业单位工作人员年度考核登记表\n姓名 王磊 考核年度 2023年度\n考核结果：基本 合格');
    text().documentText.put(d2.id, '年度考核登记表 姓名 李娜 2023 年度 考核等次 合格');
    text().documentText.put(d3.id, '年度考核登记表 姓名 李娜 2022年度 考核等次 基本合格');

    const hits = await ws.call('documents.search', { query: '2023年度 基本合格' });
    expect(hits.map((h) => h.documentId)).toEqual([d1.id]);
    expect(hits[0]).toMatchObject({ personId: a.id, personName: '王磊', materialType: '年度考核表', year: 2023 });
    expect(hits[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['2023年度', '基本合格']);
    expect(hits[0]!.snippet.map((s) => s.text).join('')).toContain('姓名王磊考核年度2023年度 考核结果：基本合格');

    // Spaces the OCR put between characters do not hide a phrase.
    expect((await ws.call('documents.search', { query: '2023年度' })).map((h) => h.documentId).sort()).toEqual(
      [d1.id, d2.id].sort(),
    );
    // Two characters (a name) fall back to LIKE on the same table; combined with a long word too.
    expect((await ws.call('documents.search', { query: '李娜' })).map((h) => h.documentId).sort()).toEqual(
      [d2.id, d3.id].sort(),
    );
    expect((await ws.call('documents.search', { query: '李娜 基本合格' })).map((h) => h.documentId)).toEqual([d3.id]);
    expect((await ws.call('documents.search', { query: '李娜', personId: a.id })).length).toBe(0);
    expect((await ws.call('documents.search', { query: '合格', personId: b.id })).length).toBe(2);
    expect(await ws.call('documents.search', { query: '不合格' })).toEqual([]);
  });

  it('takes LIKE wildcards and FTS syntax in a query literally', async () => {
    const p = await person('郑爽', 23);
    const d = await filed(p.id, '其他', 'a.pdf');
    const e = await filed(p.id, '其他', 'b.pdf');
    text().documentText.put(d.id, '完成率 100% 达标_一级 "引号" AND OR');
    text().documentText.put(e.id, '完成率 1000 达标一级');
    const ids = async (query: string) => (await ws.call('documents.search', { query })).map((h) => h.documentId);
    expect(await ids('0%')).toEqual([d.id]);
    expect(await ids('标_')).toEqual([d.id]);
    expect(await ids('"引号"')).toEqual([d.id]);
    expect(await ids('AND OR')).toEqual([d.id]);
    expect(await ids('100')).toEqual([e.id, d.id]);
    expect((await refusal(() => ws.call('documents.search', { query: '   ' }))).message).toBe(
      '输入有误：请输入要搜索的内容',
    );
  });

  it('the text goes when its document goes (person deleted), stays hidden while it is in the trash', async () => {
    const p = await person('钱多', 24);
    const keep = await person('孙少', 25);
    const d = await filed(p.id, '年度考核表', 'a.pdf');
    const k = await filed(keep.id, '年度考核表', 'b.pdf');
    text().documentText.put(d.id, '钱多 2024年度 优秀');
    text().documentText.put(k.id, '孙少 2024年度 优秀');
    text().documentText.put(k.id, '孙少 2024年度 合格'); // put replaces
    expect((await ws.call('documents.search', { query: '优秀' })).map((h) => h.documentId)).toEqual([d.id]);

    await ws.call('documents.trash', { id: d.id });
    expect(await ws.call('documents.search', { query: '优秀' })).toEqual([]);
    await ws.call('documents.restore', { id: d.id });
    expect((await ws.call('documents.search', { query: '优秀' })).length).toBe(1);

    await ws.call('people.delete', { id: p.id });
    const rows = ws.app.database.sqlite.prepare('SELECT rowid FROM document_text ORDER BY rowid').pluck().all();
    expect(rows).toEqual([k.id]);
    text().documentText.remove(k.id);
    expect(text().documentText.get(k.id)).toBeNull();
  });

  it('a backup restored keeps the text searchable, and the suggestions with it', async () => {
    const p = await person('冯雪', 26);
    const d = await filed(p.id, '年度考核表', 'Scan_0009.pdf', 2023);
    text().documentText.put(d.id, '冯雪 2023年度 考核结果 基本合格');
    suggestions().suggest(d.id, p.id, { assessment: { year: 2023, result: '基本合格' } });
    const backup = await ws.call('backups.create', {});
    await ws.call('people.delete', { id: p.id });
    expect(await ws.call('documents.search', { query: '基本合格' })).toEqual([]);

    await ws.call('backups.restore', { name: backup.name });
    expect((await ws.call('documents.search', { query: '2023年度 基本合格' })).map((h) => h.documentId)).toEqual([
      d.id,
    ]);
    expect((await ws.call('documents.search', { query: '冯雪' })).length).toBe(1);
    expect(await ws.call('suggestions.list', { status: 'pending' })).toHaveLength(1);
  });
});
