/** zod field builders that normalise input the way HR types it and fail with Chinese messages. */
import { z } from 'zod';
import { parseCreditCode } from '../validation/creditCode';
import { parseDate, todayIso } from '../validation/dates';
import { parseIdNumber } from '../validation/idNumber';
import { parsePhone } from '../validation/phone';

type Parsed = { ok: true; value: string } | { ok: false; message: string };

/** A string field that is normalised by `parse`, or rejected with its message. */
function parsedText(label: string, parse: (raw: string) => Parsed) {
  return z.string().transform((raw, ctx) => {
    const result = parse(raw);
    if (result.ok) return result.value;
    const message = result.message.startsWith(label) ? result.message : `${label}：${result.message}`;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

export const requiredText = (label: string, max = 100) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过${max}个字`);

/** Optional text: blank becomes null. */
export const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));

export const idNumberField = parsedText('身份证号', (raw) => {
  const result = parseIdNumber(raw);
  return result.ok ? { ok: true, value: result.value.idNumber } : result;
});
export const creditCodeField = parsedText('统一社会信用代码', parseCreditCode);

export const optionalPhone = (label: string) =>
  z
    .string()
    .nullish()
    .transform((raw, ctx) => {
      if (!raw || raw.trim() === '') return null;
      const result = parsePhone(raw);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: `${label}：${result.message}` });
      return z.NEVER;
    });

function checkDate(label: string, raw: string | number, ctx: z.RefinementCtx, allowFuture = false): string {
  const result = parseDate(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: `${label}：${result.message}` });
    return z.NEVER;
  }
  if (!allowFuture && result.value > todayIso()) {
    ctx.addIssue({ code: 'custom', message: `${label}：${result.value} 晚于今天` });
    return z.NEVER;
  }
  return result.value;
}

/** A date ('YYYY-MM-DD' or 'YYYY-MM') in any of the forms parseDate reads, not in the future. */
export const dateField = (label: string) =>
  z.union([z.string(), z.number()], { error: `${label}不能为空` }).transform((raw, ctx) => checkDate(label, raw, ctx));

/** An optional date; past dates only unless `allowFuture` (deadlines, windows). */
export const optionalDate = (label: string, allowFuture = false) =>
  z
    .union([z.string(), z.number()])
    .nullish()
    .transform((raw, ctx) => {
      if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
      return checkDate(label, raw, ctx, allowFuture);
    });

export const enumField = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label}应为：${values.join('、')}` });

/** An optional choice: blank or missing becomes null. */
export const optionalEnum = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.preprocess((v) => (v === '' ? null : v), enumField(label, values).nullish()).transform((v) => v ?? null);

/** A number typed into a form or a cell: blank is missing (not 0), text is read as a number. */
export const numberField = (label: string) =>
  z.preprocess(
    (v) => (v === '' || v === null || v === undefined ? undefined : typeof v === 'string' ? Number(v.trim()) : v),
    z.number({ error: (issue) => (issue.input === undefined ? `${label}不能为空` : `${label}应为数字`) }),
  );

export const yearField = (label: string) =>
  numberField(label).pipe(
    z.number().int(`${label}应为整数年份`).min(1950, `${label}不应早于1950年`).max(2100, `${label}不应晚于2100年`),
  );

export const id = z.number().int().positive();
