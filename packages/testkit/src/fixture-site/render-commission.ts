import type { FixtureDocument } from "./catalog.ts";
import { renderPlanParagraphs } from "./plan.ts";
import { escapeHtml, type PageChrome, renderVisitorFooter } from "./render-shared.ts";

/** Markup imitating sheitc.sh.gov.cn: `ul.list li span.time + a`, index_N.html pages, `table.xxgk_info`. */

const NAV = [
  ["/", "首页"],
  ["/jxw/zwgk/index.html", "政务公开"],
  ["/zcfg/index.html", "政策法规"],
  ["/tzgg/index.html", "通知公告"],
  ["/cyfz/index.html", "产业发展"],
  ["/zxxx/index.html", "最新信息"],
  ["/hdjl/index.html", "互动交流"],
];

function head(title: string, charset: string): string {
  const meta =
    charset === "gbk"
      ? `<meta http-equiv="Content-Type" content="text/html; charset=gbk" />\n<meta charset="gbk">`
      : `<meta charset="utf-8">`;
  return `<!DOCTYPE html>
<!-- Trackwatch fixture site: synthetic page imitating the commission website. -->
<html lang="zh-CN">
<head>
${meta}
<title>${escapeHtml(title)}</title>
<meta name="keywords" content="通知公告">
<link href="/assets/css/style.css" rel="stylesheet" type="text/css">
<style>
#top{background:#1d5aa8;color:#fff;height:30px}#nav li{float:left;padding:0 24px}.list li{line-height:34px}
.list li .time{float:right;color:#888}.xxgk_info td{border:1px solid #ddd;padding:6px}.view h1{font-size:24px;text-align:center}
#footer{border-top:2px solid #1d5aa8;padding:16px;color:#666;font-size:12px}
</style>
<script type="text/javascript" src="/assets/js/jquery-1.8.3.min.js"></script>
</head>
<body>
<div id="top"><div class="top_in">
  <a href="/">首页</a> | <a href="/jxw/jgzn/index.html">机构职能</a> | <a href="https://english.sheitc.sh.gov.cn/">English</a> | <a href="/jxw/wzdt/index.html">网站地图</a>
</div></div>
<div id="header">
  <div class="logo"><a href="/"><img src="/assets/images/logo.png" alt="上海市经济和信息化委员会"></a></div>
  <div class="search"><form action="/websearch.html" method="get"><input name="query" type="text" value=""><input type="submit" value="站内搜索"></form></div>
</div>
<div id="nav"><ul>
${NAV.map(([href, text]) => `  <li${href === "/tzgg/index.html" ? ' class="cur"' : ""}><a href="${href}">${text}</a></li>`).join("\n")}
</ul></div>
`;
}

function footer(chrome: PageChrome): string {
  return `<div id="footer">
  <p>主办单位：上海市经济和信息化委员会　<a href="/jxw/lxwm/index.html">联系我们</a>　<a href="/jxw/wzdt/index.html">网站地图</a>　<a href="/jxw/yssm/index.html">隐私声明</a></p>
  <p>地址：上海市黄浦区人民大道200号　邮编：200003</p>
  <p>建议使用1920×1080分辨率浏览本网站</p>
  ${renderVisitorFooter(chrome)}
</div>
</body>
</html>
`;
}

function pageHref(page: number): string {
  return page === 1 ? "index.html" : `index_${page}.html`;
}

export function renderCommissionList(input: {
  docs: FixtureDocument[];
  page: number;
  pageCount: number;
  chrome: PageChrome;
}): string {
  const { page, pageCount } = input;
  const items = input.docs
    .map(
      (doc) =>
        `        <li><span class="time">${doc.publishedAt}</span><a href="${doc.path}" target="_blank" title="${escapeHtml(doc.title)}">${escapeHtml(doc.title)}</a></li>`,
    )
    .join("\n");
  const numbers: string[] = [];
  for (let p = Math.max(1, page - 2); p <= Math.min(pageCount, page + 2); p++) {
    numbers.push(p === page ? `<span class="current">${p}</span>` : `<a href="${pageHref(p)}">${p}</a>`);
  }
  return `${head("通知公告-上海市经济和信息化委员会", "utf-8")}
<div id="main">
  <div class="position">您现在的位置：<a href="/">首页</a> &gt;&gt; 通知公告</div>
  <div class="sidebar"><h2>信息公开</h2><ul>
    <li class="cur"><a href="/tzgg/index.html">通知公告</a></li>
    <li><a href="/zcfg/index.html">政策法规</a></li>
    <li><a href="/zcjd/index.html">政策解读</a></li>
    <li><a href="/cyfz/index.html">产业发展</a></li>
  </ul></div>
  <div class="list_main">
    <div class="list_title"><h2>通知公告</h2></div>
    <div class="list_con">
      <ul class="list">
${items}
      </ul>
    </div>
    <div class="page" id="page_div">
      <a href="index.html" class="first">首页</a>
      ${page > 1 ? `<a href="${pageHref(page - 1)}" class="prev">上一页</a>` : `<span class="prev disabled">上一页</span>`}
      ${numbers.join("\n      ")}
      ${page < pageCount ? `<a href="${pageHref(page + 1)}" class="next">下一页</a>` : `<span class="next disabled">下一页</span>`}
      <a href="${pageHref(pageCount)}" class="last">尾页</a>
      <span class="total">共${pageCount}页</span>
    </div>
  </div>
</div>
${footer(input.chrome)}`;
}

function chineseDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${y}年${m}月${d}日`;
}

export function renderCommissionDetail(
  doc: FixtureDocument,
  input: { plan: FixtureDocument["plan"]; chrome: PageChrome },
): string {
  const charset = doc.encoding === "gbk" ? "gbk" : "utf-8";
  const paragraphs = renderPlanParagraphs(input.plan, doc.title)
    .map(
      (p) =>
        `${p.heading ? `      <p><strong>${escapeHtml(p.heading)}</strong></p>\n` : ""}      <p>　　${escapeHtml(p.text)}</p>`,
    )
    .join("\n");
  const attachments = doc.attachments.length
    ? `\n<div class="fujian">附件：${doc.attachments.map((a) => `<a href="${a.path}">${escapeHtml(a.fileName)}</a>`).join("<br>")}</div>`
    : "";
  return `${head(`${doc.title}-上海市经济和信息化委员会`, charset)}
<div id="main">
  <div class="position">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/tzgg/index.html">通知公告</a> &gt;&gt; 正文</div>
  <div class="view">
    <h1 id="ivs_title">${escapeHtml(doc.title)}</h1>
    <h3 class="view_tit_1">发布时间：${chineseDate(doc.publishedAt)}&nbsp;&nbsp;&nbsp;来源：${escapeHtml(doc.issuer)}&nbsp;&nbsp;【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</h3>
    <table class="xxgk_info" cellpadding="0" cellspacing="0">
      <tr><td class="t">索引号：</td><td>SHEITC-${doc.publishedAt.slice(0, 4)}-TZGG-${String(doc.seq).padStart(4, "0")}</td><td class="t">发布机构：</td><td>${escapeHtml(doc.issuer)}</td></tr>
      <tr><td class="t">发文字号：</td><td>${escapeHtml(doc.docNumber ?? "")}</td><td class="t">成文日期：</td><td>${chineseDate(doc.writtenAt)}</td></tr>
      <tr><td class="t">发布日期：</td><td>${chineseDate(doc.publishedAt)}</td><td class="t">信息来源：</td><td>${escapeHtml(doc.issuer)}</td></tr>
${doc.revisedAt ? `      <tr><td class="t">更新日期：</td><td colspan="3">${chineseDate(doc.revisedAt)}</td></tr>\n` : ""}    </table>
    <div id="ivs_content" class="article-content TRS_Editor">
      <p style="text-align:center;">${escapeHtml(doc.docNumber ?? "")}</p>
${paragraphs}
    </div>${attachments}
  </div>
</div>
${footer(input.chrome)}`;
}
