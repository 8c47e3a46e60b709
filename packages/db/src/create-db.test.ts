import { describe, expect, it } from "vitest";
import { DbConnectError, describePostgresUrl } from "./create-db.ts";

describe("describePostgresUrl", () => {
  it("gives host, port and database without credentials", () => {
    expect(describePostgresUrl("postgres://root:secret@db.internal:6543/trackwatch")).toEqual({
      host: "db.internal",
      port: 6543,
      database: "trackwatch",
    });
  });

  it("defaults the port to 5432 and the database to the user name, as libpq does", () => {
    expect(describePostgresUrl("postgresql://tw@127.0.0.1")).toEqual({
      host: "127.0.0.1",
      port: 5432,
      database: "tw",
    });
  });

  it("rejects what is not a postgres URL with one line that does not echo it", () => {
    expect(() => describePostgresUrl("not-a-url")).toThrow(DbConnectError);
    expect(() => describePostgresUrl("postgres://u:p w@[x/")).toThrow(
      "DATABASE_URL is not a valid URL; expected postgres://user@host:5432/database",
    );
    expect(() => describePostgresUrl("mysql://root@127.0.0.1/x")).toThrow(
      "DATABASE_URL must start with postgres://, got mysql://",
    );
  });
});
