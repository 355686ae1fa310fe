/** The app's sections, in menu order, as the side menu shows them. */
import type { IconName } from './ui/icons';

export interface Section {
  key: string;
  label: string;
  path: string;
  icon: IconName;
}

export const SECTIONS: readonly Section[] = [
  { key: 'workbench', label: '工作台', path: '/', icon: 'home' },
  { key: 'people', label: '人员', path: '/people', icon: 'people' },
  { key: 'batches', label: '申报批次', path: '/batches', icon: 'layers' },
  { key: 'inbox', label: '材料收件箱', path: '/inbox', icon: 'inbox' },
  { key: 'templates', label: '模板与印章', path: '/templates', icon: 'stamp' },
  { key: 'settings', label: '设置', path: '/settings', icon: 'settings' },
];
