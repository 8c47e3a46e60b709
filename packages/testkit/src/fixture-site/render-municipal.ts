import type { FixtureDocument } from "./catalog.ts";
import { renderPlanParagraphs } from "./plan.ts";
import { escapeHtml, type PageChrome, renderVisitorFooter } from "./render-shared.ts";

/** Markup imitating www.shanghai.gov.cn (中国上海): `ul.tadaty-list`, `table.gover-info`, `div#ivs_content`. */

const NAV = [
  ["/", "首页"],
  ["/nw4411/index.html", "要闻动态"],
  ["/nw39/index.html", "政务公开"],
  ["/fwzx/index.html", "政务服务"],
  ["/hdpt/index.html", "互动回应"],
  ["/nw2318/index.html", "走进上海"],
];

const LEFT_NAV = [
  ["/nw12344/index.html", "现行市政府规章"],
  ["/nw11407/index.html", "沪府规文件"],
  ["/nw11408/index.html", "沪府办规文件"],
  ["/nw11409/index.html", "沪府令文件"],
  ["/nw11410/index.html", "沪府发文件"],
  ["/nw11411/index.html", "沪府办发文件"],
  ["/nw11412/index.html", "沪府文件"],
  ["/nw11413/index.html", "沪府办文件"],
  ["/nw11414/index.html", "沪府任文件"],
];

function head(title: string, charset: string, extra = ""): string {
  return `<!DOCTYPE html>
<!-- Trackwatch fixture site: synthetic page imitating the municipal portal. -->
<html lang="zh-CN">
<head>
<meta charset="${charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="SiteName" content="中国上海">
<meta name="ColumnName" content="政策文件">
${extra}<link rel="stylesheet" href="/assets2022/css/base.css">
<style>
body{margin:0;font-family:"Microsoft YaHei",sans-serif;color:#333}.w1200{width:1200px;margin:0 auto}
.gov-topbar{background:#f5f5f5;height:36px;line-height:36px}.gov-header{background:#c00;color:#fff}
.main-nav li{float:left;width:16%;text-align:center}.tadaty-list li{line-height:36px;border-bottom:1px dashed #ddd}
.tadaty-list li span{float:right;color:#999}.gover-info th{background:#f0f4f8;width:12%}.Article_title{font-size:26px}
.gov-footer{background:#eee;padding:20px 0;font-size:12px;color:#666}
</style>
<script>
  var _hmt = _hmt || [];
  (function () { var hm = document.createElement("script"); hm.src = "/assets2022/js/stat.js?v=20220708"; })();
</script>
</head>
<body>
<div class="gov-topbar"><div class="w1200">
  <span class="fl">欢迎访问“中国上海”门户网站</span>
  <ul class="fr topbar-links">
    <li><a href="/nw2/nw2314/index.html">无障碍浏览</a></li>
    <li><a href="https://english.shanghai.gov.cn/">English</a></li>
    <li><a href="javascript:;" id="zh_click_t">繁體</a></li>
    <li><a href="/nw12344/index.html">政策文件</a></li>
  </ul>
</div></div>
<div class="gov-header"><div class="w1200">
  <a class="logo" href="/"><img src="/assets2022/images/logo.png" alt="中国上海"></a>
  <form class="search-box" action="/websearch/search.html" method="get"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form>
</div>
<ul class="main-nav w1200">
${NAV.map(([href, text]) => `  <li><a href="${href}">${text}</a></li>`).join("\n")}
</ul></div>
`;
}

function footer(chrome: PageChrome): string {
  return `<div class="gov-footer"><div class="w1200">
  <p><a href="/nw2/nw2314/nw2315/index.html">网站地图</a> | <a href="/nw2/nw2314/nw2319/index.html">联系我们</a> | <a href="/nw2/nw2314/nw2320/index.html">隐私声明</a></p>
  <p>主办：上海市人民政府办公厅　承办：上海市大数据中心</p>
  <p>市民服务热线：12345　为获得更好浏览效果，建议使用Chrome 80及以上版本浏览器</p>
  ${renderVisitorFooter(chrome)}
</div></div>
<script src="/assets2022/js/jquery.min.js"></script>
<script>$(function(){ $("#zh_click_t").on("click", function(){ /* 繁简切换 */ }); });</script>
</body>
</html>
`;
}

export function renderMunicipalList(input: {
  docs: FixtureDocument[];
  page: number;
  pageCount: number;
  chrome: PageChrome;
}): string {
  const items = input.docs
    .map(
      (doc) =>
        `      <li><a href="${doc.path}" target="_blank" title="${escapeHtml(doc.title)}">${escapeHtml(doc.title)}</a><span>${doc.publishedAt}</span></li>`,
    )
    .join("\n");
  return `${head("政策文件_中国上海", "utf-8")}
<div class="w1200 main-content">
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/nw39/index.html">政务公开</a> &gt; 政策文件</div>
  <div class="left-nav"><h2>政策文件</h2><dl>
${LEFT_NAV.map(([href, text]) => `    <dd><a href="${href}">${text}</a></dd>`).join("\n")}
  </dl></div>
  <div class="right-list">
    <div class="list-head"><h3>政策文件</h3><span class="more">按发布日期排序</span></div>
    <div class="list-wrap">
      <ul class="tadaty-list uli14 nowrapli list-date">
${items}
      </ul>
    </div>
    <div class="pagination" id="pagination">
      <div name="whj_firstPage" class="page-btn${input.page === 1 ? " disabled" : ""}">首页</div>
      <div name="whj_prePage" class="page-btn${input.page === 1 ? " disabled" : ""}">上一页</div>
      <span class="page-info">第 <em>${input.page}</em> 页 / 共 <em>${input.pageCount}</em> 页</span>
      <div name="whj_nextPage" class="page-btn${input.page >= input.pageCount ? " disabled" : ""}">下一页</div>
      <div name="whj_lastPage" class="page-btn">尾页</div>
    </div>
    <script type="text/javascript">
      /* the portal loads further pages through script; the pager carries no href */
      var whj_pageCount = ${input.pageCount}, whj_curPage = ${input.page};
      document.querySelectorAll("#pagination .page-btn").forEach(function (btn) {
        btn.addEventListener("click", function () {
          var name = btn.getAttribute("name"), p = whj_curPage;
          if (name === "whj_nextPage") p = Math.min(whj_pageCount, p + 1);
          if (name === "whj_prePage") p = Math.max(1, p - 1);
          if (name === "whj_firstPage") p = 1;
          if (name === "whj_lastPage") p = whj_pageCount;
          location.href = p === 1 ? "index.html" : "index_" + p + ".html";
        });
      });
    </script>
  </div>
</div>
${footer(input.chrome)}`;
}

/**
 * The same list built only by JavaScript: the served HTML has an empty `ul`, and the items arrive
 * as data that a script turns into links after load, so only a browser sees them.
 */
export function renderMunicipalScriptList(input: { docs: FixtureDocument[]; chrome: PageChrome }): string {
  const data = JSON.stringify(
    input.docs.map((doc) => ({ t: doc.title, d: doc.publishedAt, p: doc.path.split("/").slice(1) })),
  ).replaceAll("<", "\\u003c");
  return `${head("政策文件_中国上海", "utf-8")}
<div class="w1200 main-content">
  <div class="right-list">
    <div class="list-head"><h3>政策文件</h3></div>
    <div class="list-wrap"><ul class="tadaty-list uli14 nowrapli list-date" id="policy-list"></ul></div>
    <script type="text/javascript">
      window.addEventListener("DOMContentLoaded", function () {
        var rows = ${data};
        setTimeout(function () {
          var ul = document.getElementById("policy-list");
          rows.forEach(function (row) {
            var li = document.createElement("li"), a = document.createElement("a"), s = document.createElement("span");
            a.setAttribute("href", "/" + row.p.join("/"));
            a.textContent = row.t; s.textContent = row.d;
            li.appendChild(a); li.appendChild(s); ul.appendChild(li);
          });
        }, 50);
      });
    </script>
  </div>
</div>
${footer(input.chrome)}`;
}

export function renderMunicipalDetail(
  doc: FixtureDocument,
  input: { plan: FixtureDocument["plan"]; chrome: PageChrome },
): string {
  const charset = doc.encoding === "gbk" ? "gbk" : "utf-8";
  const extra = `<meta name="ArticleTitle" content="${escapeHtml(doc.title)}">
<meta name="PubDate" content="${doc.publishedAt} 18:06">
<meta name="ContentSource" content="${escapeHtml(doc.issuer)}">
`;
  const paragraphs = renderPlanParagraphs(input.plan, doc.title)
    .map(
      (p) =>
        `${p.heading ? `        <h4>${escapeHtml(p.heading)}</h4>\n` : ""}        <p>　　${escapeHtml(p.text)}</p>`,
    )
    .join("\n");
  const attachments = doc.attachments.length
    ? `\n    <div class="fujian">附件：${doc.attachments.map((a) => `<a href="${a.path}">${escapeHtml(a.fileName)}</a>`).join("<br>")}</div>`
    : "";
  return `${head(`${doc.title}_政策文件_中国上海`, charset, extra)}
<div class="w1200 main-content">
  <div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/nw39/index.html">政务公开</a> &gt; <a href="/nw12344/index.html">政策文件</a> &gt; 正文</div>
  <div class="gover-table">
    <table class="gover-info" summary="政府信息公开属性">
      <tr><th>索引号</th><td>3100000${doc.publishedAt.slice(0, 4)}Y${String(doc.seq).padStart(5, "0")}</td><th>主题分类</th><td>工业、交通\\信息产业</td></tr>
      <tr><th>发布机构</th><td>${escapeHtml(doc.issuer)}</td><th>发文字号</th><td>${escapeHtml(doc.docNumber ?? "")}</td></tr>
      <tr><th>成文日期</th><td>${doc.writtenAt}</td><th>发布日期</th><td>${doc.publishedAt}</td></tr>
${doc.revisedAt ? `      <tr><th>更新日期</th><td colspan="3">${doc.revisedAt}</td></tr>\n` : ""}      <tr><th>有效性</th><td colspan="3">有效</td></tr>
    </table>
  </div>
  <div class="Article">
    <div id="ivs_title" class="Article_title">${escapeHtml(doc.title)}</div>
    <div class="Article_tools"><span>字号：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a></span> <a href="javascript:window.print();">打印本页</a></div>
    <div class="news_cont_d_wrap">
      <div id="ivs_content" class="Article_content article-content">
        <p style="text-align:center;">${escapeHtml(doc.docNumber ?? "")}</p>
        <p>各区人民政府，市政府各委、办、局：</p>
${paragraphs}
        <p style="text-align:right;">${escapeHtml(doc.issuer)}</p>
        <p style="text-align:right;">${doc.writtenAt}</p>
      </div>
    </div>${attachments}
    <div class="newsbox"><h4>相关文件</h4><ul>
      <li><a href="/nw12344/index.html" title="政策文件">更多政策文件</a></li>
    </ul></div>
  </div>
</div>
${footer(input.chrome)}`;
}
