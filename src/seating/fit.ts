// Text fitted to a width without a browser to measure it: pure functions.

/** The width of a text in ems, on the generous side for a CJK font's bold glyphs (so a fitted name never overflows). */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0x2e80 || (code >= 0x1100 && code <= 0x11ff)) width += 1;
    else if (char === ' ') width += 0.3;
    else if (/[A-Z]/.test(char)) width += 0.74;
    else if (/[mwMW]/.test(char)) width += 0.9;
    else width += 0.62;
  }
  return width;
}

/** The largest font size (in the width's unit) at which a text fits the width, at most `max`. */
export function fittedSize(text: string, width: number, max: number): number {
  const ems = textWidthEm(text);
  return ems === 0 ? max : Math.min(max, width / ems);
}
