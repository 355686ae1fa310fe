/**
 * 申报专业 as 系列 → 专业 → 子专业. The portal's own picker is the authority and Jiangsu's tree
 * was not found (grade U): this is a seed of the 工程 series' 专业 (national-style list, grade C)
 * with common 子专业, editable per workspace. Record the portal's exact strings when they differ.
 */
import type { RegionNode } from './regions';

export type SpecialtyNode = RegionNode;

const ENGINEERING: Record<string, string[]> = {
  建设工程: ['建筑设计', '结构工程', '给排水', '暖通空调', '建筑电气', '工程造价', '工程管理'],
  '机械（农机）工程': ['机械设计制造', '机械电子', '农业机械', '车辆工程'],
  纺织: ['纺织工程', '染整工程'],
  轻工: ['食品工程', '包装工程', '造纸工程'],
  冶金: ['钢铁冶金', '金属材料'],
  石油化工: ['化学工程', '化工工艺', '石油炼制'],
  交通水路运输: ['港口航道', '水路运输'],
  交通公路运输: ['道路桥梁', '公路运输'],
  质量技术监督: ['质量管理', '计量', '标准化'],
  水利: ['水利水电工程', '水文水资源'],
  水产: ['水产养殖'],
  林业: ['林业工程'],
  环境保护: ['环境工程', '环境监测'],
  广播电影电视: ['广播电视工程'],
  电子信息: ['通信工程', '计算机', '电子技术', '软件工程', '信息系统'],
  煤炭: ['采矿工程'],
  国土资源: ['测绘', '地质勘查', '土地管理'],
  船舶与海洋: ['船舶工程', '海洋工程'],
  电力: ['电气工程', '电力系统及自动化', '热能动力', '输配电'],
  铁路: ['铁道工程'],
  通信: ['通信工程', '通信网络'],
  知识产权: ['专利代理'],
};

export const DEFAULT_SPECIALTIES: SpecialtyNode[] = [
  {
    label: '工程',
    children: Object.entries(ENGINEERING).map(([label, subs]) => ({
      label,
      children: subs.map((s) => ({ label: s })),
    })),
  },
];
