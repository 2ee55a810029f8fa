// Content-line fixes applied to what ical-generator writes (RFC 5545 §3.1, §3.2; RFC 6868).

/** RFC 5545: content lines are at most 75 octets; longer ones continue on lines that start with a space. */
const MAX_OCTETS = 75;

/** Undo RFC 5545 folding: a CRLF followed by a space or tab joins the next line to this one. */
function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** Fold one content line at 75 octets, never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // A continuation line's leading space counts towards its 75 octets.
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** A parameter value as RFC 6868 writes it inside quotes: ^ as ^^, " as ^', a line break as ^n. */
export function encodeParameterValue(value: string): string {
  return value.replace(/\^/g, '^^').replace(/"/g, "^'").replace(/\r\n|\r|\n/g, '^n');
}

/**
 * ical-generator 10 writes a quoted parameter such as CN with backslash escapes (`CN="Li \"Wei\""`), which
 * RFC 5545 does not have: a double quote ends the value there, and strict parsers (ical.js, Python's icalendar,
 * vobject) then read a cut name or reject the line. Rewrite every quoted CN per RFC 6868 and fold again.
 */
export function fixQuotedParameters(ics: string): string {
  const lines = unfold(ics).map((line) =>
    line.replace(/;CN="((?:[^"\\]|\\.)*)"/g, (_whole, escaped: string) => {
      const name = escaped.replace(/\\(.)/g, (_pair, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
      return `;CN="${encodeParameterValue(name)}"`;
    }),
  );
  return lines.map(fold).join('\r\n');
}
