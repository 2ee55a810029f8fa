import MarkdownIt from 'markdown-it';

// Raw HTML is off, so text can never become markup; markdown-it also refuses javascript:, vbscript: and data: links.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Render Markdown written by staff or institutions as safe HTML (no raw HTML, no script links). */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
