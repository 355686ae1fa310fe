/** The app's sections, in menu order: the menu, the routes and the placeholders all read this. */
import type { IconName } from './ui/icons';

export interface Section {
  key: string;
  label: string;
  path: string;
  icon: IconName;
  /** Not built yet: what the section will do, shown on its placeholder page. */
  comingSoon?: string;
}

export const SECTIONS: readonly Section[] = [
  { key: 'workbench', label: '工作台', path: '/', icon: 'home' },
  { key: 'people', label: '人员', path: '/people', icon: 'people' },
  {
    key: 'batches',
    label: '申报批次',
    path: '/batches',
    icon: 'layers',
    comingSoon: '按批次管理初定/评审申报、材料清单与上传包导出',
  },
  {
    key: 'inbox',
    label: '材料收件箱',
    path: '/inbox',
    icon: 'inbox',
    comingSoon: '集中收取各人交来的证书、论文等扫描件，自动归到对应人员和材料项下',
  },
  {
    key: 'templates',
    label: '模板与印章',
    path: '/templates',
    icon: 'stamp',
    comingSoon: '管理申报表、推荐意见等文书模板与单位印章，按人员信息一键生成盖章材料',
  },
  { key: 'settings', label: '设置', path: '/settings', icon: 'settings' },
];
