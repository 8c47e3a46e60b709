/**
 * Page chrome for tests and benchmarks: scripts, styles, navigation, a side list of dated links,
 * share buttons and a footer full of numbers. None of it may change what extraction returns.
 */
export interface BoilerplateOptions {
  /** Picks one of several chrome styles. */
  variant?: number;
  /** Repeats the filler blocks to reach a size (characters), for benchmarks. */
  padTo?: number;
}

const SCRIPT = `<script type="text/javascript">
  var _hmt = _hmt || []; (function () { var hm = document.createElement("script");
  hm.src = "https://hm.example.com/hm.js?8f2a9c"; var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s); })(); var pageCount = 42, curPage = 1; function nextPage(){ return 2025; }
</script>`;
const STYLE = `<style>.w1200{width:1200px;margin:0 auto}.nav li{float:left;padding:0 20px}.footer{color:#999;font-size:12px}
.share a{margin-left:8px}@media (max-width: 768px){.w1200{width:100%}}</style>`;

function nav(variant: number): string {
  const items = ["首页", "要闻动态", "政务公开", "政务服务", "互动交流", "数据开放", "走进本市"];
  const links = items.map((t, i) => `<li><a href="/col${i + variant}/index.html">${t}</a></li>`).join("");
  return variant % 2 === 0
    ? `<div class="header"><div class="logo"><a href="/"><img src="/logo.png" alt="门户网站"></a></div><div class="search"><input type="text"><button>搜索</button></div></div><div class="nav"><ul>${links}</ul></div>`
    : `<header><nav class="main-nav"><ul>${links}</ul></nav></header>`;
}

function sidebar(variant: number): string {
  const rows = [
    ["关于2025年度专项资金申报的通知", "2025-03-01"],
    ["2024年全市规模以上工业增加值增长6.8%", "2025-01-20"],
    ["召开第3次新闻发布会 发布10项举措", "2024-12-12"],
    ["全市新增5G基站1.2万个", "2024-11-30"],
  ];
  const list = rows
    .map(([t, d], i) => `<li><a href="/news/${variant}${i}.html">${t}</a><span>${d}</span></li>`)
    .join("");
  return `<div class="sidebar"><h3>热点信息</h3><ul>${list}</ul></div>`;
}

const SHARE = `<div class="share">分享到：<a href="javascript:;">微信</a><a href="javascript:;">微博</a> 阅读次数：12,345</div>`;

function footer(variant: number): string {
  return `<div class="footer"><p><a href="/map.html">网站地图</a> | <a href="/contact.html">联系我们</a></p>
<p>主办单位：市人民政府办公厅 地址：人民大道${100 + variant}号 邮编：200003 电话：021-12345678</p>
<p>网站标识码3100000${variant}01 沪ICP备05001234号-${variant} 建议使用1920×1080分辨率、Chrome 80及以上版本浏览器</p></div>`;
}

const FILLER = `<div class="friend-links"><h4>友情链接</h4><select><option>国家部委网站</option><option>各省市网站</option></select></div>`;

/** Wraps the inner HTML of a page's <body> in chrome; the <head> is kept. */
export function wrapInBoilerplate(html: string, options: BoilerplateOptions = {}): string {
  const variant = options.variant ?? 0;
  const head = /<head[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? "";
  const body = /<body[^>]*>([\s\S]*?)<\/body>/i.exec(html)?.[1] ?? html;
  let chrome = `${SCRIPT}${FILLER}`;
  let page = `<!DOCTYPE html><html><head>${head}${STYLE}${SCRIPT}</head><body>${nav(variant)}
<div class="main w1200"><div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>
${sidebar(variant)}<div class="content-wrap">${body}</div>${SHARE}</div>${footer(variant)}${SCRIPT}`;
  if (options.padTo) {
    while (page.length < options.padTo) {
      page += chrome;
      if (chrome.length < 20000) chrome += sidebar(variant + chrome.length);
    }
  }
  return `${page}</body></html>`;
}
