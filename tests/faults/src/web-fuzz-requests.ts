import fc from "fast-check";

/** What the fuzzer may put in route parameters besides garbage: real ids, and tokens one character off. */
export interface FuzzContext {
  host: string;
  /** Origins the app accepts (the public one and the one it is reached at) and a few it does not. */
  origins: string[];
  documentIds: string[];
  /** Real tokens (subscriber links, the admin token); the fuzzer only ever sends them altered. */
  tokens: string[];
}

export interface FuzzRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer;
  framing: "length" | "short-length" | "duplicate-length" | "chunked" | "bad-chunked" | "none";
  version: string;
  /** Replace the whole request with these bytes (a request line the parser must refuse). */
  garbage: Buffer | null;
}

const ODD_METHODS = ["TRACE", "PROPFIND", "CONNECT", "get", "P<S>T", ""];

function weighted<T>(choices: [T, number][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ weight, arbitrary: fc.constant(value) })));
}

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "%",
    "%E0%A4%A",
    "%00",
    "%FF%FE",
    "%C0%AF",
    "..%2F..%2Fetc%2Fpasswd",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "A".repeat(43),
    "A".repeat(5_000),
    "-1",
    "0",
    "1e309",
    "NaN",
    "99999999999999999999",
    "0x10",
    "\u0000",
    "😀",
    "元宇宙",
    "[]",
    "{}",
    "null",
    "undefined",
    "__proto__",
    "constructor",
  ),
);

/** One character of a real token changed: right format, wrong value. */
function altered(token: string, index: number, to: string): string {
  const i = index % Math.max(1, token.length);
  const replacement = token[i] === to ? (to === "A" ? "B" : "A") : to;
  return `${token.slice(0, i)}${replacement}${token.slice(i + 1)}`;
}

function nearTokens(ctx: FuzzContext) {
  return ctx.tokens.length === 0
    ? nasty
    : fc
        .tuple(fc.constantFrom(...ctx.tokens), fc.nat(), fc.constantFrom("A", "z", "-", "_", "0"))
        .map(([token, index, to]) => altered(token, index, to));
}

export function paramValue(ctx: FuzzContext) {
  return fc.oneof(
    { weight: 4, arbitrary: nasty },
    { weight: 2, arbitrary: nearTokens(ctx) },
    { weight: 2, arbitrary: fc.constantFrom(...ctx.documentIds, "1", "0") },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
  );
}

/** Raw bytes in a path or query: percent-encode what the server would never see raw, keep stray % as is. */
function encodePart(value: string): string {
  return /%/.test(value) && !/[^\x21-\x7e]/.test(value) ? value : encodeURIComponent(value);
}

/** A concrete path for a Hono route pattern: each :param (with or without a regex) and * filled in. */
export function pathFor(pattern: string, values: string[], raw: boolean): string {
  let i = 0;
  const next = () => {
    const value = values[i % values.length] ?? "x";
    i += 1;
    return raw ? value.replace(/[\s/?#]/g, "") || "x" : encodePart(value) || "x";
  };
  return pattern.replace(/:[A-Za-z_]+(\{[^}]*\})?\??/g, () => next()).replace(/\*/g, () => next());
}

const QUERY_KEYS = [
  "track",
  "kind",
  "from",
  "to",
  "cursor",
  "limit",
  "source",
  "lang",
  "version",
  "a",
  "b",
  "page",
  "q",
  "job",
  "status",
  "x",
  "track[]",
  "__proto__",
];
const FORM_KEYS = [
  "email",
  "tracks",
  "frequency",
  "locale",
  "sourceId",
  "token",
  "_csrf",
  "List-Unsubscribe",
  "x",
];

function formBody(ctx: FuzzContext) {
  return fc
    .array(fc.tuple(fc.constantFrom(...FORM_KEYS), fc.oneof(nasty, nearTokens(ctx))), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodePart(v)}`).join("&"));
}

function body(ctx: FuzzContext) {
  return fc.oneof(
    { weight: 4, arbitrary: formBody(ctx).map((s) => Buffer.from(s)) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 3 }).map((s) => Buffer.from(s)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.org\r\n--zz--\r\n',
          "--zz\r\n\r\n",
          "List-Unsubscribe=One-Click",
          "%%%",
          "a=%ZZ&b=%",
          '{"email":',
        )
        .map((s) => Buffer.from(s)),
    },
    // Over the 64 KiB body limit.
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(70 * 1024, "a=b&")) },
  );
}

function cookie(ctx: FuzzContext) {
  const sid = fc.stringMatching(/^[A-Za-z0-9_-]{32,48}$/);
  return fc.oneof(
    fc.constant(""),
    fc.string({ maxLength: 60 }),
    fc
      .tuple(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.oneof(nasty, nearTokens(ctx)))
      .map(([expires, sig]) => `tw_admin=${expires}.${encodePart(sig)}`),
    sid.map((token) => `tw_csrf=${token}`),
    fc.constant("tw_admin=1.aaaa; tw_csrf=zzzz"),
    fc.constant(`${"a=b; ".repeat(500)}tw_csrf=${"c".repeat(40)}`),
  );
}

function headers(ctx: FuzzContext) {
  const optional = (name: string, value: fc.Arbitrary<string>) =>
    fc.option(
      value.map((v): [string, string] => [name, v]),
      { nil: undefined },
    );
  return fc
    .tuple(
      optional(
        "content-type",
        fc.constantFrom(
          "application/x-www-form-urlencoded",
          "application/x-www-form-urlencoded; charset=gbk",
          "multipart/form-data; boundary=zz",
          "multipart/form-data",
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded; charset=",
          "",
          ";;;",
        ),
      ),
      optional("cookie", cookie(ctx)),
      optional("origin", fc.constantFrom(...ctx.origins, "null", "http://evil.example", "")),
      optional("referer", fc.constantFrom(...ctx.origins.map((o) => `${o}/admin`), "http://evil.example/")),
      optional("accept", fc.constantFrom("application/json", "text/html", "*/*", "application/atom+xml", "")),
      optional(
        "accept-language",
        fc.oneof(fc.constantFrom("en", "zh-CN,zh;q=0.9", "*", "q=;;"), fc.string()),
      ),
      optional(
        "authorization",
        fc.oneof(nasty, nearTokens(ctx)).map((t) => `Bearer ${t}`),
      ),
      optional("if-none-match", fc.oneof(fc.constantFrom('"x"', "*", 'W/"', ""), fc.string())),
      optional("x-forwarded-for", fc.oneof(fc.ipV4(), fc.string())),
      optional("range", fc.constantFrom("bytes=0-0", "bytes=-1", "bytes=99999999-", "x")),
      // Now and then a header the parser has to refuse (empty or odd name, control characters).
      fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.tuple(fc.stringMatching(/^[a-z-]{1,20}$/), fc.string({ maxLength: 40 })) },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.string({ maxLength: 20 }), fc.string({ unit: "binary", maxLength: 40 })),
        },
      ),
    )
    .map((list) => list.filter((h): h is [string, string] => h !== undefined));
}

/** Random and malformed requests against the given route patterns. */
export function fuzzRequests(routes: { method: string; path: string }[], ctx: FuzzContext) {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      useRouteMethod: fc.boolean(),
      method: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH") },
        { weight: 1, arbitrary: fc.constantFrom(...ODD_METHODS) },
      ),
      params: fc.array(paramValue(ctx), { minLength: 1, maxLength: 4 }),
      rawPath: fc.oneof(
        { weight: 5, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      query: fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), nasty), { maxLength: 5 }),
      rawQuery: fc.option(fc.constantFrom("?", "??", "?&&&", "?a", "?%", "?a=%E0%A4%A", "?#frag"), {
        nil: undefined,
      }),
      headers: headers(ctx),
      body: body(ctx),
      framing: weighted<FuzzRequest["framing"]>([
        ["length", 12],
        ["chunked", 3],
        ["none", 2],
        ["short-length", 1],
        ["duplicate-length", 1],
        ["bad-chunked", 1],
      ]),
      version: weighted([
        ["HTTP/1.1", 20],
        ["HTTP/1.0", 3],
        ["HTTP/2.0", 1],
        ["HTTP/1.1x", 1],
      ]),
      // One request in 30 is bytes that are no HTTP at all.
      garbage: fc.oneof(
        { weight: 29, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 200 }) },
      ),
    })
    .map((r): FuzzRequest => {
      const method = r.useRouteMethod && r.route.method !== "ALL" ? r.route.method : r.method;
      // Raw bytes that cannot be in a request target at all (spaces, CR/LF) are percent-encoded even in raw mode.
      const path = pathFor(r.route.path, r.params, r.rawPath).replace(/[\s]/g, "%20");
      const query = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodePart(v)}`).join("&");
      const target = `${path}${r.rawQuery ?? (query ? `?${query}` : "")}`;
      return {
        method,
        target,
        headers: r.headers,
        body: r.body,
        framing: r.framing,
        version: r.version,
        garbage: r.garbage ? Buffer.from(r.garbage) : null,
      };
    });
}

/** The request as bytes on the wire, framing errors included; always asks the server to close after it. */
export function encodeRequest(r: FuzzRequest, host: string): Buffer {
  if (r.garbage) return Buffer.concat([r.garbage, Buffer.from("\r\n\r\n")]);
  const lines = [`${r.method} ${r.target} ${r.version}`, `Host: ${host}`, "Connection: close"];
  for (const [name, value] of r.headers) lines.push(`${name}: ${value.replace(/[\r\n]/g, " ")}`);
  const sendsBody = !/^(GET|HEAD)$/.test(r.method) || r.body.length % 7 === 0;
  let payload: Buffer = Buffer.alloc(0);
  if (sendsBody) {
    switch (r.framing) {
      case "length":
        lines.push(`Content-Length: ${r.body.length}`);
        payload = r.body;
        break;
      case "short-length":
        lines.push(`Content-Length: ${Math.floor(r.body.length / 2)}`);
        payload = r.body;
        break;
      case "duplicate-length":
        lines.push(`Content-Length: ${r.body.length}`, `Content-Length: ${r.body.length + 1}`);
        payload = r.body;
        break;
      case "chunked":
        lines.push("Transfer-Encoding: chunked");
        payload = Buffer.concat([
          Buffer.from(`${r.body.length.toString(16)}\r\n`),
          r.body,
          Buffer.from("\r\n0\r\n\r\n"),
        ]);
        break;
      case "bad-chunked":
        lines.push("Transfer-Encoding: chunked", `Content-Length: ${r.body.length}`);
        payload = Buffer.concat([Buffer.from("zz\r\n"), r.body, Buffer.from("\r\n")]);
        break;
      case "none":
        payload = r.body;
        break;
    }
  }
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), payload]);
}
