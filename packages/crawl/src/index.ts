export type { CharsetSource, DecodedBody } from "./charset/decode-body.ts";
export { decodeBody } from "./charset/decode-body.ts";
