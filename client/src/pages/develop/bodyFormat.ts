// Formatting of a pushed body for reading: WeChat pushes XML (sometimes JSON, per the text mode).

/** Indentation of one level. */
const INDENT = '  ';

/** Splits XML into CDATA sections, comments, tags and text, in order. */
const XML_TOKENS = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]+>|[^<]+/g;

const isOpenTag = (t: string) => /^<[^/!?][^>]*[^/]>$|^<[^/!?]>$/.test(t);
const isCloseTag = (t: string) => t.startsWith('</');
const isText = (t: string) => !t.startsWith('<') || t.startsWith('<![CDATA[');

/**
 * Indents XML one element per line. An element holding only text or CDATA stays on one line,
 * with its CDATA left as is, so `<Content><![CDATA[你好]]></Content>` reads as received.
 * Returns null when the text is not well-formed enough to indent (tags that do not pair up).
 */
export function prettyXml(xml: string): string | null {
  const tokens = (xml.trim().match(XML_TOKENS) ?? []).filter((t) => isText(t) ? t.trim() !== '' : true);
  const lines: string[] = [];
  const open: string[] = []; // names of the elements enclosing the current token
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const pad = INDENT.repeat(open.length);
    if (isCloseTag(t)) {
      if (open.pop() !== t.slice(2, -1).trim()) return null;
      lines.push(INDENT.repeat(open.length) + t);
    } else if (isOpenTag(t)) {
      // Gather the text run after the tag; if the matching close follows, keep it inline.
      let j = i + 1;
      while (j < tokens.length && isText(tokens[j])) j++;
      const name = t.slice(1).split(/[\s>]/)[0];
      if (j < tokens.length && tokens[j] === `</${name}>`) {
        lines.push(pad + t + tokens.slice(i + 1, j).join('') + tokens[j]);
        i = j;
      } else {
        lines.push(pad + t);
        open.push(name);
      }
    } else {
      lines.push(pad + (t.startsWith('<') ? t : t.trim())); // text trimmed; tags, CDATA and comments as is
    }
  }
  return open.length === 0 ? lines.join('\n') : null;
}

/**
 * The body as the detail drawer shows it: JSON indented, XML one element per line, anything
 * else (a body stored raw, base64 bytes) exactly as stored.
 */
export function formatBody(body: string, flags: string[] = []): string {
  if (flags.includes('base64')) return body;
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      return body;
    }
  }
  if (trimmed.startsWith('<')) return prettyXml(trimmed) ?? body;
  return body;
}
