/**
 * 所属行政区划 as the portal's cascader offers it: 江苏省 → city → 市本级 or a district/county.
 * Functional areas (e.g. 苏州工业园区) follow the city they sit in; add them per workspace if the
 * portal lists them.
 */
export interface RegionNode {
  label: string;
  children?: RegionNode[];
}

const CITIES: Record<string, string[]> = {
  南京市: [
    '玄武区',
    '秦淮区',
    '建邺区',
    '鼓楼区',
    '浦口区',
    '栖霞区',
    '雨花台区',
    '江宁区',
    '六合区',
    '溧水区',
    '高淳区',
  ],
  无锡市: ['锡山区', '惠山区', '滨湖区', '梁溪区', '新吴区', '江阴市', '宜兴市'],
  徐州市: ['鼓楼区', '云龙区', '贾汪区', '泉山区', '铜山区', '丰县', '沛县', '睢宁县', '新沂市', '邳州市'],
  常州市: ['天宁区', '钟楼区', '新北区', '武进区', '金坛区', '溧阳市'],
  苏州市: ['虎丘区', '吴中区', '相城区', '姑苏区', '吴江区', '常熟市', '张家港市', '昆山市', '太仓市'],
  南通市: ['崇川区', '通州区', '海门区', '如东县', '启东市', '如皋市', '海安市'],
  连云港市: ['连云区', '海州区', '赣榆区', '东海县', '灌云县', '灌南县'],
  淮安市: ['淮安区', '淮阴区', '清江浦区', '洪泽区', '涟水县', '盱眙县', '金湖县'],
  盐城市: ['亭湖区', '盐都区', '大丰区', '响水县', '滨海县', '阜宁县', '射阳县', '建湖县', '东台市'],
  扬州市: ['广陵区', '邗江区', '江都区', '宝应县', '仪征市', '高邮市'],
  镇江市: ['京口区', '润州区', '丹徒区', '丹阳市', '扬中市', '句容市'],
  泰州市: ['海陵区', '高港区', '姜堰区', '兴化市', '靖江市', '泰兴市'],
  宿迁市: ['宿城区', '宿豫区', '沭阳县', '泗阳县', '泗洪县'],
};

export const JIANGSU_REGIONS: RegionNode[] = [
  {
    label: '江苏省',
    children: [
      { label: '省本级' },
      ...Object.entries(CITIES).map(([city, districts]) => ({
        label: city,
        children: [{ label: '市本级' }, ...districts.map((label) => ({ label }))],
      })),
    ],
  },
];

/** Is `path` ('江苏省/南京市/市本级') a leaf of the tree? The portal wants the last level. */
export function isRegionLeaf(path: string, tree: readonly RegionNode[] = JIANGSU_REGIONS): boolean {
  let level: readonly RegionNode[] | undefined = tree;
  const parts = path.split('/');
  for (const [i, part] of parts.entries()) {
    const node: RegionNode | undefined = level?.find((n) => n.label === part);
    if (!node) return false;
    if (i === parts.length - 1) return !node.children;
    level = node.children;
  }
  return false;
}
