/** zh for simplified and traditional Chinese alike, en for Latin-script text, null when empty. */
export function detectLanguage(text: string): "zh" | "en" | null {
  let han = 0;
  let latin = 0;
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
  }
  if (han === 0 && latin === 0) return null;
  // A Chinese character carries about a word; an English word is about five letters.
  return han * 5 >= latin ? "zh" : "en";
}
