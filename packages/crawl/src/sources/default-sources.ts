/**
 * The built-in sources file, used when neither TRACKWATCH_SOURCES nor --sources names one: the two
 * real Shanghai columns Trackwatch was built for. Kept as YAML text so it is also the example users copy.
 */
export const DEFAULT_SOURCES_YAML = `# Trackwatch sources (YAML). Each entry is one list of announcements to watch.
- id: shanghai-policy-documents
  name: 中国上海 · 政策文件
  issuer: 上海市人民政府办公厅
  list: ["https://www.shanghai.gov.cn/nw12344/index.html"]
  links: "ul.tadaty-list li a"
  # The portal's pager is script-only (no href), so only the first list page is read.
  maxPages: 1
  render: static
  schedule: "0 */6 * * *"
  allow: ["www.shanghai.gov.cn"]

- id: sheitc-notices
  name: 上海市经济和信息化委员会 · 通知公告
  issuer: 上海市经济和信息化委员会
  list: ["https://sheitc.sh.gov.cn/tzgg/index.html"]
  links: "ul.list li a"
  next: "a.next"
  maxPages: 5
  render: static
  schedule: "30 */6 * * *"
  allow: ["sheitc.sh.gov.cn"]
`;
