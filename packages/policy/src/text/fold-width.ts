/**
 * Folds full-width ASCII (２０２５, ％, ．) to half-width one character for one character, so offsets
 * found in the folded string index the original text too.
 */
export function foldWidth(text: string): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += text.slice(last, i) + String.fromCharCode(c - 0xfee0);
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}
