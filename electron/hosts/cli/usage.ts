/**
 * What the CLI accepts and says about itself: the help text and the options parseArgs knows.
 * Kept apart from the commands, so `zhicheng --help` prints without loading them.
 */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export const PDF_HELP = `  zhicheng pdf compress 输入.pdf 输出.pdf --max-bytes 字节数 [--json]
      把 PDF 压缩到不超过限制（如 512000、500KB、2MB）；已符合限制的文件原样输出。
  zhicheng pdf images 图片… --out 输出.pdf [--max-bytes 字节数] [--json]
      把 JPG/PNG/TIFF 图片合成一个 PDF（每张图一页，A4）。
  zhicheng pdf merge 文件… --out 输出.pdf [--max-bytes 字节数] [--json]
      把几个 PDF（或图片）按顺序合成一个 PDF。
  zhicheng pdf extract 输入.pdf --pages 1-3,5 --out 输出.pdf [--max-bytes 字节数] [--json]
      取出指定的页另存为 PDF。`;

export const INBOX_HELP = `  zhicheng inbox add-folder 文件夹 --data 工作区 [--type 材料类型] [--person 身份证号] [--poll|--no-poll] [--stable-seconds 秒]
        [--after move|delete] [--days 天数] [--json]
      添加监视文件夹（扫描仪或手机照片放入的文件夹）；--person 表示这是某一人的文件夹。
      不给 --poll/--no-poll 时自动：网络路径（\\\\server\\…）轮询，本地文件夹不轮询。
  zhicheng inbox folders --data 工作区 [--json]
      列出监视文件夹。
  zhicheng inbox run --data 工作区 --once [--max-wait 秒] [--json]
      把每个监视文件夹处理一遍：识别人员和材料、转为 PDF、压缩到限制以下并归档；打印每个文件的结果。
      不加 --once 时持续监视，按 Ctrl+C 停止。
  zhicheng inbox cover --data 工作区 --person 身份证号 --type 材料类型 [--year 年度] --out 封面.pdf
      生成带二维码的扫描封面（放在材料前一起扫描即可准确归档，多人材料可一次扫描）。
  zhicheng doc add --data 工作区 --person 身份证号 --type 材料类型 [--year 年度] 文件… [--json]
      给某人添加材料（PDF 或 JPG/PNG/TIFF），转换并压缩到该材料的大小限制以下；保留原件。
  zhicheng doc read 文件 [--data 工作区] [--json]
      读取材料每一页的文字（有文字层用文字层，扫描件和照片做文字识别并自动转正），识别材料类型、年度、
      身份证号和可填入记录的内容；给出 --data 时对照该工作区的花名册识别人员。`;

/** parseArgs options these commands add to the CLI's (data, json, type, person, out are shared). */
export const INBOX_OPTIONS = {
  once: { type: 'boolean' },
  poll: { type: 'boolean' },
  'no-poll': { type: 'boolean' },
  'stable-seconds': { type: 'string' },
  after: { type: 'string' },
  days: { type: 'string' },
  year: { type: 'string' },
  'max-wait': { type: 'string' },
} as const;

export const RECORDS_HELP = `  zhicheng records import 文件.xlsx|.csv --data 工作区 [--kind ledger|education|title|assessment|ce|work] [--valid-only] [--json]
      导入台账或记录表（学历、职称、年度考核、继续教育、工作经历；长表或按年度分列的宽表），种类可由表头识别。
  zhicheng records export 文件.xlsx --data 工作区 --kind education|title|assessment|ce|work [--search 关键字]
      导出一种记录，每条一行，姓名、身份证号在前。
  zhicheng records template 文件.xlsx --kind ledger|education|title|assessment|ce|work
      生成该种记录的空白导入模板。`;

export const LETTERS_HELP = `  zhicheng unit set --data 工作区 --name 单位全称 --credit-code 统一社会信用代码 [--region 所属地区]
        [--seal 公章扫描件.png|.jpg] [--contact-name 联系人] [--contact-phone 电话] [--address 地址] [--json]
      按统一社会信用代码新增或修改单位（第一个单位为默认单位），可同时导入公章。
  zhicheng letters --data 工作区 --template consent|pledge|模板编号 (--batch 批次ID | --people 身份证号,… | --all)
        --out 文件夹 [--date YYYY-MM-DD] [--publicity-start 日期 --publicity-end 日期] [--set 字段=值] [--no-merge]
        [--allow-ineligible] [--json]
      生成盖章的单位同意申报证明（consent）或诚信承诺书（pledge），存入资料库并写到 --out。
      按申报规则受阻的人不生成单位同意证明（problems 中 code 为 NOT_ELIGIBLE），除非给出 --allow-ineligible。`;

export const WORKSPACE_HELP = `  zhicheng workspace backup --data 工作区 [--json]
      立即备份数据库（在线备份并校验）。
  zhicheng workspace backups --data 工作区 [--json]
      列出备份：时间、大小、人数、材料数、批次数、是否校验通过。
  zhicheng workspace restore --data 工作区 (--backup 备份文件名 | --latest) [--json]
      用备份恢复数据库；先备份当前状态。数据库已损坏打不开时也可用（损坏的文件改名保留）。
  zhicheng workspace verify --data 工作区 [--json]
      完整性检查：数据库、每份材料的文件与 sha256、文档库中未登记的文件。有问题时退出码为 2。
  zhicheng workspace export --data 工作区 --out 文件.zip [--json]
      把整个工作区（数据库和文档库）导出为一个 zip，附每个文件的 sha256 清单。
  zhicheng workspace import 文件.zip --data 空文件夹 [--json]
      把导出的 zip 导入到空文件夹：先核对全部校验值，全部无误才放入。`;

export const WORKSPACE_OPTIONS = {
  backup: { type: 'string' },
  latest: { type: 'boolean' },
} as const;

export const HELP = `职称申报工作台 命令行

用法：
  zhicheng roster import 文件.xlsx|.csv --data 工作区 [--valid-only] [--json]
      导入人员名单。默认有任何错误时整个文件都不导入；--valid-only 只导入无误的行。
  zhicheng roster export 文件.xlsx --data 工作区 [--search 关键字] [--department 部门]
      导出人员名单。
  zhicheng roster template 文件.xlsx
      生成空白导入模板。
${RECORDS_HELP}
  zhicheng eligibility --in 人员.json --as-of YYYY-MM-DD [--pack 规则包.json] --json
  zhicheng eligibility --data 工作区 --as-of YYYY-MM-DD --json
      计算每人下一步可申报的职称、最早日期和受阻原因。
  zhicheng batch create --data 工作区 --type 初定|评审|历史登记|补办 --name 名称 [--region 行政区划] [--json]
      新建申报批次，打印批次编号。
  zhicheng batch add --data 工作区 --batch 编号 --person 身份证号 [--level 级别] [--specialty '系列/专业/子专业'] [--json]
      把一人加入批次，打印其申报编号（declarations）。
  zhicheng batch status --data 工作区 (--declaration 申报编号 | --batch 编号 --person 身份证号)
        --to 材料齐全|已导出|已提交|退回修改|已通过|已领证 [--reason 文字] [--force] [--json]
      更改申报状态。材料清单缺项或未导出材料包时拒绝（退出码 2，列出所缺），除非 --force 并以 --reason 说明理由。
  zhicheng kit export --data 工作区 --batch 编号 --out 文件夹 [--zip] [--overwrite] [--json]
      导出每人的上传材料包（文件夹，可另附 zip）。
${PDF_HELP}
${INBOX_HELP}
${LETTERS_HELP}
${WORKSPACE_HELP}
  zhicheng serve --data 工作区 [--port 端口]
      在 127.0.0.1 上提供界面（浏览器打开打印出的带 token 的地址）。

退出码：0 成功；2 输入有误被拒绝；1 其他错误。`;

/** Every option of the commands parsed here (`unit set` and `letters` parse their own). */
export const OPTIONS = {
  data: { type: 'string' },
  'valid-only': { type: 'boolean' },
  kind: { type: 'string' },
  json: { type: 'boolean' },
  search: { type: 'string' },
  department: { type: 'string' },
  port: { type: 'string' },
  in: { type: 'string' },
  'as-of': { type: 'string' },
  pack: { type: 'string' },
  type: { type: 'string' },
  name: { type: 'string' },
  region: { type: 'string' },
  batch: { type: 'string' },
  person: { type: 'string' },
  level: { type: 'string' },
  specialty: { type: 'string' },
  out: { type: 'string' },
  zip: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  declaration: { type: 'string' },
  to: { type: 'string' },
  reason: { type: 'string' },
  force: { type: 'boolean' },
  ...INBOX_OPTIONS,
  ...WORKSPACE_OPTIONS,
  'max-bytes': { type: 'string' },
  pages: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The command line against OPTIONS; throws (in English, for the caller to say in Chinese) on an unknown option. */
export const parseCommandLine = (args: string[]) =>
  parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
