/**
 * zod's own messages (wrong type, missing field) in Chinese, for every schema in the app. Its
 * zh-CN locale still names types in English ("期望 string，实际接收 undefined"): those are ours.
 */
import { z } from 'zod';

const zhCN = z.locales.zhCN().localeError;

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  array: '列表',
  object: '一组字段',
  date: '日期',
};

z.config({
  localeError: (issue) => {
    if (issue.code === 'invalid_type') {
      const expected = TYPE_NAMES[issue.expected] ?? '其他类型的值';
      return issue.input === undefined ? `缺少该项（应为${expected}）` : `应为${expected}`;
    }
    return zhCN(issue);
  },
});
