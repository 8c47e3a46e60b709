import type { LookupAddress, LookupAllOptions, LookupOneOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns";
import { isBlockedAddress } from "./blocked-address.ts";
import { normalizeHost } from "./host-allow.ts";

export const BLOCKED_ADDRESS_CODE = "ERR_TRACKWATCH_BLOCKED_ADDRESS";

export class BlockedAddressError extends Error {
  readonly code = BLOCKED_ADDRESS_CODE;
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`refused to connect to ${hostname}: it resolves to non-public address ${address}`);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

/**
 * A `lookup` for net/tls connect (undici Agent `connect.lookup`) that refuses a name if ANY of its
 * addresses is non-public, so DNS cannot point an allowed-looking host at 127.0.0.1 or 169.254.169.254.
 * Names in `privateHosts` are exempt (an operator's intranet host, say); they still have to pass the allow
 * check first. "localhost" is not exempt by default: a link to it is exactly what an attacker would plant.
 */
export function createGuardedLookup(privateHosts: Iterable<string>, resolve: Resolve = systemResolve) {
  const exempt = new Set([...privateHosts].map(normalizeHost));
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (all) => {
        const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
        const addresses = family ? all.filter((a) => a.family === family) : all;
        if (!exempt.has(normalizeHost(hostname))) {
          const blocked = all.find((a) => isBlockedAddress(a.address));
          if (blocked) {
            callback(new BlockedAddressError(hostname, blocked.address), []);
            return;
          }
        }
        const first = addresses[0];
        if (!first) {
          const error: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
          error.code = "ENOTFOUND";
          callback(error, []);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
