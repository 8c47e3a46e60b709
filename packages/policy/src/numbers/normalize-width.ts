/**
 * Full-width digits and signs to ASCII, one code unit for one code unit, so that every offset in
 * the normalized string is the offset in the original. The Chinese comma ， is punctuation, not a
 * thousands separator, and stays.
 */
export function normalizeWidth(text: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let r = -1;
    if (c >= 0xff10 && c <= 0xff19) r = c - 0xff10 + 48;
    else if (c >= 0xff21 && c <= 0xff3a) r = c - 0xff21 + 65;
    else if (c >= 0xff41 && c <= 0xff5a) r = c - 0xff41 + 97;
    else if (c === 0xff0e)
      r = 46; // ．
    else if (c === 0xff05)
      r = 37; // ％
    else if (c === 0xff0b)
      r = 43; // ＋
    else if (c === 0xff04)
      r = 36; // ＄
    else if (c === 0xff0f)
      r = 47; // ／
    else if (c === 0x3000)
      r = 32; // ideographic space
    else if (c === 0x00a0) r = 32;
    if (r >= 0) {
      out += text.slice(last, i) + String.fromCharCode(r);
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
