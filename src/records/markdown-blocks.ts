import MarkdownIt from 'markdown-it';

type Token = ReturnType<MarkdownIt['parse']>[number];

/** A piece of text with its emphasis; `break` starts a new line within the block. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  break?: boolean;
}

/** A block of the notes as a word processor sees it. */
export interface TextBlock {
  kind: 'paragraph' | 'heading' | 'bullet' | 'numbered' | 'quote' | 'code';
  /** Nesting depth of list items (0 = top level). */
  level: number;
  /** The item's number in a numbered list. */
  number?: number;
  runs: TextRun[];
}

// The same rules as renderMarkdown (no raw HTML); only the structure is read, nothing is rendered as HTML.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

function inlineRuns(token: Token | undefined): TextRun[] {
  const runs: TextRun[] = [];
  let bold = 0;
  let italic = 0;
  let href = '';
  for (const child of token?.children ?? []) {
    const style = { ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
    if (child.type === 'strong_open') bold += 1;
    else if (child.type === 'strong_close') bold -= 1;
    else if (child.type === 'em_open') italic += 1;
    else if (child.type === 'em_close') italic -= 1;
    else if (child.type === 'text' || child.type === 'html_inline') runs.push({ text: child.content, ...style });
    else if (child.type === 'code_inline') runs.push({ text: child.content, code: true, ...style });
    else if (child.type === 'softbreak' || child.type === 'hardbreak') runs.push({ text: '', break: true });
    else if (child.type === 'image') runs.push({ text: child.content, ...style });
    else if (child.type === 'link_open') href = child.attrGet('href') ?? '';
    else if (child.type === 'link_close') {
      // A document cannot be clicked when printed: the address follows its text, unless the text is the address.
      const last = runs.at(-1)?.text ?? '';
      if (href && last !== href && !href.startsWith('mailto:')) runs.push({ text: ` (${href})`, ...style });
      href = '';
    }
  }
  return runs;
}

/** Split Markdown notes into paragraphs, headings, list items, quotes and code, each with styled runs. */
export function markdownBlocks(source: string): TextBlock[] {
  const tokens = markdown.parse(source, {});
  const blocks: TextBlock[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quote = 0;
  let heading = false;
  let pendingItem: { ordered: boolean; number: number } | undefined;
  for (const [index, token] of tokens.entries()) {
    if (token.type === 'bullet_list_open') lists.push({ ordered: false, next: 1 });
    else if (token.type === 'ordered_list_open') lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') lists.pop();
    else if (token.type === 'list_item_open') {
      const list = lists.at(-1)!;
      pendingItem = { ordered: list.ordered, number: list.next };
      list.next += 1;
    } else if (token.type === 'blockquote_open') quote += 1;
    else if (token.type === 'blockquote_close') quote -= 1;
    else if (token.type === 'heading_open') heading = true;
    else if (token.type === 'heading_close') heading = false;
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push({ kind: 'code', level: 0, runs: [{ text: token.content.replace(/\n$/, ''), code: true }] });
    else if (token.type === 'inline') {
      const runs = inlineRuns(tokens[index]);
      const level = Math.max(0, lists.length - 1);
      if (pendingItem) {
        blocks.push({ kind: pendingItem.ordered ? 'numbered' : 'bullet', level, number: pendingItem.number, runs });
        pendingItem = undefined;
      } else if (heading) blocks.push({ kind: 'heading', level: 0, runs: runs.map((r) => ({ ...r, bold: true })) });
      else blocks.push({ kind: quote ? 'quote' : 'paragraph', level: lists.length ? level : 0, runs });
    }
  }
  return blocks;
}
