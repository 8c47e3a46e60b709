import { describe, expect, it } from "vitest";
import { allowNamesHost, isHostAllowed, isPortAllowed } from "./host-allow.ts";

const allowed = (url: string, allow: string[]) => isHostAllowed(new URL(url), allow);

describe("isHostAllowed", () => {
  it("matches exact hosts case-insensitively and ignores the port unless the entry names one", () => {
    expect(allowed("https://SHEITC.sh.gov.cn/zxxx/index.html", ["sheitc.sh.gov.cn"])).toBe(true);
    expect(allowed("https://sheitc.sh.gov.cn:8443/", ["sheitc.sh.gov.cn"])).toBe(true);
    expect(allowed("https://www.sheitc.sh.gov.cn/", ["sheitc.sh.gov.cn"])).toBe(false);
    expect(allowed("https://sheitc.sh.gov.cn.evil.com/", ["sheitc.sh.gov.cn"])).toBe(false);
  });

  it("restricts the port when the entry has one", () => {
    expect(allowed("http://127.0.0.1:4100/a", ["127.0.0.1:4100"])).toBe(true);
    expect(allowed("http://127.0.0.1:5432/", ["127.0.0.1:4100"])).toBe(false);
    expect(allowed("http://[::1]:4100/", ["[::1]:4100"])).toBe(true);
  });

  it("matches subdomains only for *. entries, and never IP addresses", () => {
    expect(allowed("https://www.sh.gov.cn/", ["*.sh.gov.cn"])).toBe(true);
    expect(allowed("https://sh.gov.cn/", ["*.sh.gov.cn"])).toBe(false);
    expect(allowed("https://evilsh.gov.cn/", ["*.sh.gov.cn"])).toBe(false);
  });
});

describe("allowNamesHost", () => {
  it("is true only for an exact entry, with or without a port, IPv6 included", () => {
    expect(allowNamesHost("127.0.0.1", ["127.0.0.1:4100"])).toBe(true);
    expect(allowNamesHost("::1", ["::1"])).toBe(true);
    expect(allowNamesHost("::1", ["[::1]:80"])).toBe(true);
    expect(allowNamesHost("intranet.sh.gov.cn", ["*.sh.gov.cn"])).toBe(false);
  });
});

describe("isPortAllowed", () => {
  const home = "4100";
  const ok = (url: string, allow: string[]) => isPortAllowed(new URL(url), home, allow);
  it("allows the source's own port, the default ports and named ports only", () => {
    expect(ok("http://127.0.0.1:4100/a", ["127.0.0.1"])).toBe(true);
    expect(ok("https://127.0.0.1/a", ["127.0.0.1"])).toBe(true);
    expect(ok("http://127.0.0.1:5432/", ["127.0.0.1"])).toBe(false);
    expect(ok("http://127.0.0.1:5432/", ["127.0.0.1", "127.0.0.1:5432"])).toBe(true);
    expect(ok("http://www.sh.gov.cn:8080/", ["*.sh.gov.cn:8080"])).toBe(true);
  });
});
