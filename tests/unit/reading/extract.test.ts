import { describe, expect, it } from 'vitest';
import { documentType } from '../../../shared/reading/documentTypes';
import { extractDocument, findDates, findIdNumbers, findNames, findYear } from '../../../shared/reading/extract';
import { isGeneratedName } from '../../../shared/reading/generatedNames';
import { identify, type RosterEntry } from '../../../shared/reading/identify';
import { arabicDates, normalizeText } from '../../../shared/reading/normalize';
import type { PageText } from '../../../shared/reading/types';
import { makeIdNumber } from '../../support/people';

const page = (text: string, n = 1): PageText => ({ page: n, source: 'ocr', rotated: 0, ms: 0, text });
const WANG = makeIdNumber('320102', '1985-03-15', 11);
const LI = makeIdNumber('320104', '1988-07-02', 13);
const ENDS_IN_X = Array.from({ length: 200 }, (_, i) => makeIdNumber('320102', '1980-01-01', i)).find((id) =>
  id.endsWith('X'),
)!;

describe('normalizeText', () => {
  it('writes Chinese-numeral dates in digits, with 〇, ○, O and 0 alike', () => {
    expect(arabicDates('二〇二〇年七月一日')).toBe('2020年7月1日');
    expect(arabicDates('二O二三年十二月二十日')).toBe('2023年12月20日');
    expect(normalizeText('二○○八年十月')).toBe('2008年10月');
    expect(arabicDates('二0一九年')).toBe('2019年');
  });

  it('joins spaced-out titles and split numbers, keeps the gap between a label and its value', () => {
    expect(normalizeText('毕 业 证 书\n专业   土木工程\n3201 0219')).toBe('毕业证书\n专业 土木工程\n32010219');
    expect(normalizeText('姓名：王建国')).toBe('姓名:王建国');
  });
});

describe('findIdNumbers', () => {
  it('keeps only numbers passing the checksum, once each, x read as X', () => {
    const bad = WANG.slice(0, 17) + (WANG[17] === '0' ? '1' : '0');
    const text = `身份证号：${WANG}\n另：${bad}\n又：${WANG}\n${ENDS_IN_X.toLowerCase()}`;
    expect(findIdNumbers(normalizeText(text))).toEqual([WANG, ENDS_IN_X]);
  });

  it('reads a number wrapped across two lines of running text', () => {
    expect(findIdNumbers(normalizeText(`同志（身份证号：${WANG.slice(0, 11)}\n${WANG.slice(11)}），`))).toEqual([WANG]);
  });

  it('takes no longer digit run for an ID', () => {
    expect(findIdNumbers(`1${WANG}`)).toEqual([]);
  });
});

describe('findYear', () => {
  it('prefers the year the document is of over the dates in it', () => {
    expect(findYear(normalizeText('2023年度考核登记表\n填表日期：2024年01月10日'))).toBe(2023);
    expect(findYear(normalizeText('考核年度：2021\n出生年月 1985年03月'))).toBe(2021);
  });

  it('otherwise takes the latest date, not a birth date', () => {
    expect(findYear(normalizeText('学生王建国，一九八五年三月十五日生，于二〇〇八年七月毕业'))).toBe(2008);
    expect(findYear('没有日期')).toBeNull();
  });

  it('reads dates in several spellings', () => {
    expect(findDates('2023-07-01 2023.7 2023/12/3 2023年7月').map((d) => d.iso)).toEqual([
      '2023-07-01',
      '2023-07',
      '2023-12-03',
      '2023-07',
    ]);
  });
});

describe('documentType', () => {
  const cases: Array<[string, string]> = [
    ['教育部学历证书电子注册备案表\n更新日期：2026年03月15日', '学信网备案表'],
    ['事业单位工作人员2023年度考核登记表', '年度考核表'],
    ['专业技术人员继续教育公需科目合格证', '继续教育证书'],
    ['继续教育学时证明', '继续教育证书'],
    ['专业技术资格证书\n江苏省人力资源和社会保障厅', '职称证书'],
    ['普通高等学校毕业证书\n学生王建国', '学历证书'],
    ['学士学位证书\n王建国，男', '学位证书'],
    ['江苏省社会保险参保缴费证明', '社保缴费证明'],
    ['中华人民共和国一级建造师执业资格证书', '执业资格证书'],
    ['单位同意申报证明\n兹有我单位', '单位同意证明'],
    ['专业技术资格申报诚信承诺书', '诚信承诺书'],
    ['居民身份证', '身份证'],
  ];
  it.each(cases)('%s → %s', (text, type) => expect(documentType(normalizeText(text))).toBe(type));

  it('takes the title over what the body mentions', () => {
    expect(documentType(normalizeText('年度考核登记表\n备注：附学历证书电子注册备案表'))).toBe('年度考核表');
    expect(documentType('一份会议纪要')).toBeNull();
  });
});

describe('findNames', () => {
  it('reads names beside 姓名 and those the first lines introduce', () => {
    expect(findNames(normalizeText('姓名 王建国 性别 男'))).toEqual(['王建国']);
    expect(findNames(normalizeText('姓名:李秀英性别:女'))).toEqual(['李秀英']);
    expect(findNames(normalizeText('兹有我单位刘洋同志（身份证号'))).toEqual(['刘洋']);
    expect(findNames(normalizeText('学生陈静，性别女'))).toEqual(['陈静']);
    expect(findNames(normalizeText('赵丽华，女，1979年4月25日生。'))).toEqual(['赵丽华']);
  });
});

describe('extractDocument fields', () => {
  it('reads a 学信网备案表 into an education and its filing facts', () => {
    const text = [
      '教育部学历证书电子注册备案表',
      '更新日期：2026年03月15日',
      '姓名 王建国',
      `证件号码 ${WANG}`,
      '毕业院校 东南大学',
      '层次 本科',
      '专业 土木工程',
      '入学日期 2003年09月01日',
      '毕（结）业日期 2007年07月01日',
      '证书编号 102861200705001234',
      '在线验证码 NQHX8KCNMKAZHJD8',
    ].join('\n');
    const read = extractDocument([page(text)]);
    expect(read.type).toBe('学信网备案表');
    expect(read.idNumbers).toEqual([WANG]);
    expect(read.fields).toEqual({
      education: {
        level: '本科',
        school: '东南大学',
        major: '土木工程',
        enrolledOn: '2003-09-01',
        graduatedOn: '2007-07-01',
        diplomaNo: '102861200705001234',
      },
    });
    expect(read.filing).toEqual({ verificationCode: 'NQHX8KCNMKAZHJD8', updatedOn: '2026-03-15' });
  });

  it('reads a 考核表 year and result, 基本合格 not taken for 合格', () => {
    const read = extractDocument([page('2023年度考核登记表\n姓名 王建国\n考核等次 基本合格\n填表日期 2024年1月5日')]);
    expect(read.fields).toEqual({ assessment: { year: 2023, result: '基本合格' } });
  });

  it('reads a 继续教育 certificate year, hours and category', () => {
    const read = extractDocument([
      page(
        '专业技术人员继续教育公需科目合格证\n姓名：王建国\n培训年度：2024年度\n学时：30\n证书编号：JSJX202400001234',
      ),
    ]);
    expect(read.fields).toEqual({ ce: { year: 2024, hours: 30, category: '公需', certificateNo: 'JSJX202400001234' } });
  });

  it('knows a 专业科目 certificate by its title even where OCR reads 目 as 自', () => {
    // Read so by PP-OCRv4 from a 300-dpi scan of the corpus's certificate.
    const read = extractDocument([
      page(
        '专业技术人员继续教育专业科自学时证明\n姓名：李秀英\n培训年度：2023年度\n学时：60\n该同志参加2023年度专业科自学习',
      ),
    ]);
    expect(read.fields.ce).toMatchObject({ year: 2023, hours: 60, category: '专业' });
  });

  it('takes a school OCR read as 苏州天学 for 苏州大学', () => {
    // Read so by PP-OCRv4 from a 150-dpi PNG of the corpus's 毕业证书.
    const read = extractDocument([
      page(
        '普通高等学校毕业证书\n学生王建国，性别男，于二〇〇三年九月至二〇〇七年七月在本校计算机科学与技术专业四\n年制本科学习\n校名：苏州天学\n证书编号：105789154655595271',
      ),
    ]);
    expect(read.fields.education).toMatchObject({ school: '苏州大学', major: '计算机科学与技术' });
  });

  it('reads a title certificate', () => {
    const read = extractDocument([
      page(
        '专业技术资格证书\n姓名 李秀英\n系列 工程技术\n专业 土木工程\n资格名称 高级工程师\n取得时间 2022年12月10日\n证书编号 20223263132064\n发证机关 江苏省人力资源和社会保障厅',
      ),
    ]);
    expect(read.fields.title).toEqual({
      series: '工程技术',
      specialty: '土木工程',
      level: '副高级',
      obtainedOn: '2022-12-10',
      certificateNo: '20223263132064',
      issuer: '江苏省人力资源和社会保障厅',
    });
  });

  it('reads a diploma and a degree certificate, the date in Chinese numerals', () => {
    const diploma = extractDocument([
      page(
        '普通高等学校毕业证书\n学生王建国，性别男，一九八五年三月十五日生，于二〇〇三年九月至二〇〇七年七月在本校土木\n工程专业四年制本科学习，成绩合格，准予毕业。\n校名：东南大学\n证书编号：102861200705001234\n二〇〇七年七月一日',
      ),
    ]);
    expect(diploma.fields.education).toEqual({
      level: '本科',
      school: '东南大学',
      major: '土木工程',
      graduatedOn: '2007-07-01',
      diplomaNo: '102861200705001234',
    });
    expect(diploma.year).toBe(2007);
    const degree = extractDocument([
      page(
        '学士学位证书\n王建国，男，一九八五年三月十五日生。在东南大学土木工程专业完成了本科学习计划，授予工学学士学位。\n证书编号：1028642007001234\n二〇〇七年七月一日',
      ),
    ]);
    expect(degree.fields.education).toEqual({
      degree: '学士',
      school: '东南大学',
      major: '土木工程',
      graduatedOn: '2007-07-01',
      degreeNo: '1028642007001234',
    });
  });

  it('suggests nothing from a document whose type has no record', () => {
    expect(extractDocument([page(`江苏省社会保险参保缴费证明\n姓名 王建国\n公民身份号码 ${WANG}`)]).fields).toEqual({});
  });
});

describe('isGeneratedName', () => {
  it.each([
    'Scan_20261206_0001.pdf',
    'IMG_20261206_101500.jpg',
    'doc0123.pdf',
    '扫描全能王 2026-12-06 10.15.pdf',
    'CamScanner 12-06-2026 10.20.pdf',
    '微信图片_20261206101500.jpg',
    'download (1).pdf',
    'download.pdf',
    'C:\\扫描\\scan0001.pdf',
    '20261206_101500.jpg',
  ])('%s is generated', (name) => expect(isGeneratedName(name)).toBe(true));

  it.each(['王建国_毕业证.pdf', '2023年度考核表-李秀英.pdf', 'Scanned by 张伟 考核表.pdf', '继续教育.jpg'])(
    '%s is not',
    (name) => expect(isGeneratedName(name)).toBe(false),
  );
});

describe('identify', () => {
  const roster: RosterEntry[] = [
    { personId: 1, idNumber: WANG, name: '王建国', employeeNo: 'E1001' },
    { personId: 2, idNumber: LI, name: '李秀英', employeeNo: 'E1002' },
    { personId: 3, idNumber: makeIdNumber('320105', '1983-11-20', 15), name: '张伟', employeeNo: 'E1003' },
    { personId: 4, idNumber: makeIdNumber('320205', '1990-05-08', 17), name: '张伟', employeeNo: 'E1004' },
  ];
  const reading = (over: Partial<{ idNumbers: string[]; names: string[]; employeeNos: string[] }>) => ({
    idNumbers: [],
    names: [],
    employeeNos: [],
    ...over,
  });

  it('knows a person by ID number, by a name only they have, by 工号', () => {
    expect(identify(reading({ idNumbers: [LI] }), roster).person).toMatchObject({ personId: 2, by: 'idNumber' });
    expect(identify(reading({ names: ['王建国'] }), roster).person).toMatchObject({ personId: 1, by: 'name' });
    expect(identify(reading({ names: ['王建国性'] }), roster).person).toMatchObject({ personId: 1 });
    expect(identify(reading({ employeeNos: ['E1002'] }), roster).person).toMatchObject({
      personId: 2,
      by: 'employeeNo',
    });
  });

  it('tells namesakes apart by ID number, and asks when there is none', () => {
    expect(identify(reading({ idNumbers: [roster[3]!.idNumber], names: ['张伟'] }), roster).person).toMatchObject({
      personId: 4,
    });
    const asked = identify(reading({ names: ['张伟'] }), roster);
    expect(asked.person).toBeNull();
    expect(asked.reason).toContain('同名');
  });

  it('asks when an ID number belongs to nobody, even beside a known name', () => {
    const stranger = makeIdNumber('320102', '1985-03-15', 99);
    const asked = identify(reading({ idNumbers: [stranger], names: ['王建国'] }), roster);
    expect(asked).toEqual({ person: null, reason: '材料中的身份证号不属于花名册中的任何人', against: true });
  });

  it('asks when the ID number and the name point to different people', () => {
    expect(identify(reading({ idNumbers: [WANG], names: ['李秀英'] }), roster).person).toBeNull();
    expect(identify(reading({ idNumbers: [WANG, LI] }), roster).person).toBeNull();
    expect(identify(reading({ names: ['王建国', '李秀英'] }), roster).person).toBeNull();
  });

  it('asks when nothing is read, or the name is not on the roster', () => {
    expect(identify(reading({}), roster).reason).toBe('材料中没有读到姓名或身份证号');
    expect(identify(reading({ names: ['钱多多'] }), roster).reason).toContain('钱多多');
  });
});
