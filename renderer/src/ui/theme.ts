/** The look shared by the app's providers and the discrete message/dialog API. */
import { dateZhCN, zhCN, type GlobalThemeOverrides } from 'naive-ui';

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#1f6feb',
    primaryColorHover: '#3b82f6',
    primaryColorPressed: '#1a5fd0',
    primaryColorSuppl: '#3b82f6',
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, -apple-system, sans-serif',
    fontFamilyMono: '"JetBrains Mono", "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace',
  },
};

export const configProviderProps = { locale: zhCN, dateLocale: dateZhCN, themeOverrides };
