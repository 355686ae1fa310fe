/** Collects what an import tells once for the whole file, and says it in Chinese. */
import type { BuildContext, NoticeKey } from './build';
import type { LaidOutColumn } from './layout';

export function createNotices(defaultSeries: string) {
  const synonyms = new Map<string, number>();
  let viaDefault = 0;
  let seriesDefault = 0;
  let categoryDefault = 0;
  const context: BuildContext = {
    defaultSeries,
    notice(key: NoticeKey) {
      if (key.type === 'synonym') {
        const k = `「${key.from}」按「${key.to}」`;
        synonyms.set(k, (synonyms.get(k) ?? 0) + 1);
      } else if (key.type === 'viaDefault') viaDefault++;
      else if (key.type === 'seriesDefault') seriesDefault++;
      else categoryDefault++;
    },
  };

  function list(columns: readonly LaidOutColumn[]): string[] {
    const notices: string[] = [];
    const unknown = columns.filter((c) => c.meaning === null && !c.ignored).map((c) => c.label);
    const ignored = columns.filter((c) => c.ignored).map((c) => c.label);
    if (unknown.length > 0) notices.push(`未识别的列：${unknown.join('、')}，已忽略`);
    if (ignored.length > 0) notices.push(`按列对应忽略的列：${ignored.join('、')}`);
    for (const [text, count] of synonyms) notices.push(`考核结果${text}导入（${count}处）`);
    if (viaDefault > 0) {
      notices.push(`${viaDefault}条职称未填取得方式：中级及以上按「评审」、以下按「初定」记录，可在人员页修改`);
    }
    if (seriesDefault > 0) notices.push(`${seriesDefault}条职称未说明系列，按「${defaultSeries}」系列记录`);
    if (categoryDefault > 0) notices.push(`${categoryDefault}条继续教育未注明科目类别，按「专业」记录`);
    return notices;
  }

  return { context, list };
}
