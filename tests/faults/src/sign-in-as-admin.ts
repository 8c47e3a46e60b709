import { FAULTS_ADMIN_TOKEN } from "./serve-web-app.ts";

export interface AdminClient {
  /** A request with the session's cookies (and Origin on unsafe methods); redirects are not followed. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Posts a form with the session's CSRF token added. */
  postForm(path: string, fields: Record<string, string | string[]>): Promise<Response>;
  csrf: string;
}

/** Signs in to the web app at `baseUrl` over HTTP with the admin token, as a browser would. */
export async function signInAsAdmin(baseUrl: string): Promise<AdminClient> {
  const cookies = new Map<string, string>();
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if ((init.method ?? "GET") !== "GET") headers.set("origin", baseUrl);
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (/max-age=0/i.test(line)) cookies.delete(pair.slice(0, eq));
      else cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  };
  const loginPage = await (await request("/admin/login")).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage)?.[1];
  if (!csrf) throw new Error("no CSRF field on /admin/login");
  const postForm = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...fields, _csrf: csrf }))
      for (const one of [v].flat()) body.append(k, one);
    return request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  };
  const login = await postForm("/admin/login", { token: FAULTS_ADMIN_TOKEN });
  if (login.status !== 303) throw new Error(`admin sign-in answered ${login.status}`);
  return { request, postForm, csrf };
}
