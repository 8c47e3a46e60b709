/** A tiny browser over real HTTP: keeps cookies and sends Origin on POST, as the web app's CSRF checks require. */
export function createWebClient(baseUrl: string) {
  const cookies = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if ((init.method ?? "GET").toUpperCase() !== "GET") headers.set("origin", new URL(baseUrl).origin);
    const response = await fetch(new URL(path, baseUrl), {
      ...init,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line) || value === "") cookies.delete(pair.slice(0, eq));
      else cookies.set(pair.slice(0, eq), value);
    }
    return response;
  };
  const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    request(path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    });
  const csrfFrom = async (path: string) => {
    const html = await (await request(path)).text();
    const match = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!match) throw new Error(`no csrf field on ${path}`);
    return match[1]!;
  };
  return {
    request,
    postForm,
    csrfFrom,
    /** Signs in to /admin with the token. */
    async signIn(token: string) {
      const response = await postForm("/admin/login", { _csrf: await csrfFrom("/admin/login"), token });
      if (response.status !== 303) throw new Error(`admin sign-in answered ${response.status}`);
    },
    /** "Recrawl now" for a source; resolves with the job id once its crawl has finished. */
    async recrawl(sourceId: string, { timeoutMs }: { timeoutMs: number }) {
      const csrf = await csrfFrom("/admin");
      const response = await postForm(
        "/admin/recrawl",
        { _csrf: csrf, sourceId },
        { accept: "application/json" },
      );
      if (response.status !== 202)
        throw new Error(`recrawl answered ${response.status}: ${await response.text()}`);
      const { jobId, statusUrl, deduplicated } = (await response.json()) as {
        jobId: string;
        statusUrl: string;
        deduplicated: boolean;
      };
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = (await (await request(statusUrl)).json()) as {
          finished: boolean;
          state: string;
          run: { status: string; pagesFetched: number; changed: number; newDocuments: number } | null;
        };
        // The status reads the job and its crawl run concurrently: a job finishing between the two
        // reads shows "completed" next to a run still "running". Wait for both to agree.
        if (status.finished && status.run?.status !== "running") return { jobId, deduplicated, ...status };
        if (Date.now() > deadline) throw new Error(`recrawl ${jobId} not finished in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  };
}
