/**
 * Generated people with real-format, checksum-valid ID numbers, and roster files built from
 * them with the same Excel library users' files come from. Deterministic for a given seed.
 */
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../shared/validation/idNumber';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国斌宇浩凯晨婷雪琳欣怡子涵梓轩宇航思远嘉怡一诺俊杰雨萱浩然';
const DEPARTMENTS = [
  '技术部',
  '研发中心',
  '生产部',
  '质量部',
  '设备部',
  '工程部',
  '信息中心',
  '安全环保部',
  '采购部',
  '财务部',
];
const REGIONS = ['320102', '320104', '320105', '320106', '320111', '320205', '320282', '320505', '320583', '320611'];

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeIdNumber(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export interface GeneratedPerson {
  name: string;
  idNumber: string;
  department: string;
  phone: string;
  hiredOn: string;
  workStartedOn: string;
  category: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function generatePeople(count: number, seed = 1): GeneratedPerson[] {
  const random = rng(seed);
  const pick = <T>(list: ArrayLike<T>) => list[Math.floor(random() * list.length)]!;
  const people: GeneratedPerson[] = [];
  const used = new Set<string>();
  while (people.length < count) {
    const year = 1965 + Math.floor(random() * 35);
    const birth = `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
    const idNumber = makeIdNumber(pick(REGIONS), birth, Math.floor(random() * 1000));
    if (used.has(idNumber)) continue;
    used.add(idNumber);
    const start = year + 22 + Math.floor(random() * 3);
    people.push({
      name: pick(SURNAMES) + pick(GIVEN) + (random() < 0.5 ? pick(GIVEN) : ''),
      idNumber,
      department: pick(DEPARTMENTS),
      phone: `1${pick('3578')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
      hiredOn: `${start}-07-01`,
      workStartedOn: `${start}-07-01`,
      category: pick(['事业编制', '企业', '企业', '劳务派遣']),
    });
  }
  return people;
}

export type SheetRow = Array<string | number | Date | null>;

const HEADER = ['姓名', '身份证号', '部门', '手机', '入职日期', '参加工作时间', '人员类别'];

export function rosterRows(people: readonly GeneratedPerson[]): SheetRow[] {
  return [
    HEADER,
    ...people.map((p) => [p.name, p.idNumber, p.department, p.phone, p.hiredOn, p.workStartedOn, p.category]),
  ];
}

/** An .xlsx with the given rows on its first sheet, as Excel or WPS would save it. */
export async function xlsxBytes(rows: readonly SheetRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export function csvText(rows: readonly SheetRow[]): string {
  const quote = (v: unknown) => {
    const s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return rows.map((row) => row.map(quote).join(',')).join('\r\n');
}
