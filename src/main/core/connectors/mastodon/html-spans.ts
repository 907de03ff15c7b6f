/**
 * Mastodon sends a status as HTML. It never reaches the renderer: this tolerant tokenizer
 * reads it into safe spans (text, link, mention, hashtag, break) with an allow-list. Every
 * other element is dropped and only its text is kept (script and style lose their content too);
 * links keep only http(s) addresses; entities are decoded once; broken markup never throws.
 */
import type { Span } from '../../../../shared/board/schemas';
import { MAX_TEXT, bounded, normalizeSpans, safeUrl } from '../safe-text';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–', laquo: '«', raquo: '»' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '';
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

interface Tag {
  name: string;
  closing: boolean;
  attrs: Record<string, string>;
}

function parseTag(raw: string): Tag | null {
  const m = /^<\s*(\/)?\s*([a-zA-Z][a-zA-Z0-9-]*)([^]*)>$/.exec(raw);
  if (!m) return null;
  const attrs: Record<string, string> = {};
  for (const a of m[3]!.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
  }
  return { name: m[2]!.toLowerCase(), closing: Boolean(m[1]), attrs };
}

const BLOCKS = new Set(['p', 'div', 'blockquote', 'li', 'ul', 'ol', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements whose content is never text a person should read. */
const DROP_CONTENT = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'noscript', 'textarea', 'select', 'title', 'head']);

export interface MastodonMention {
  url: string;
  acct: string;
  remoteId: string;
}

/**
 * HTML to spans. `mentions` (the status's mentions) name who a mention link points at; a link
 * with class "mention hashtag" or to /tags/ is a hashtag; the "invisible"/"ellipsis" spans of a
 * shortened URL are read as the link's label (its full address is kept).
 */
export function htmlToSpans(html: unknown, mentions: MastodonMention[] = []): Span[] {
  if (typeof html !== 'string') return [];
  const source = html.length > MAX_TEXT * 4 ? html.slice(0, MAX_TEXT * 4) : html;
  const spans: Span[] = [];
  let link: { url: string | null; cls: string; text: string } | null = null;
  let dropDepth = 0;
  let dropName = '';
  let blockOpen = false;

  const pushText = (text: string) => {
    if (!text) return;
    if (link) link.text += text;
    else spans.push({ type: 'text', text });
  };
  const pushBreak = () => {
    if (link) link.text += ' ';
    else if (spans.length > 0 && spans[spans.length - 1]!.type !== 'break') spans.push({ type: 'break' });
  };
  const closeLink = () => {
    if (!link) return;
    const { url, cls, text } = link;
    link = null;
    const label = text.replace(/\s+/g, ' ').trim();
    if (!label) return;
    const mention = url ? mentions.find((m) => m.url === url) : undefined;
    const tagMatch = url ? /\/tags\/([^/?#]+)/.exec(url) : null;
    if (mention || (/\bmention\b/.test(cls) && !/\bhashtag\b/.test(cls) && label.startsWith('@'))) {
      spans.push({ type: 'mention', text: label, handle: mention?.acct ?? label.replace(/^@/, ''), remoteId: mention?.remoteId ?? null, url });
    } else if (label.startsWith('#') && (/\bhashtag\b/.test(cls) || tagMatch)) {
      spans.push({ type: 'tag', text: label, tag: bounded(label.slice(1), 100) });
    } else if (url) {
      spans.push({ type: 'link', text: label, url });
    } else {
      spans.push({ type: 'text', text: label });
    }
  };

  for (const token of source.matchAll(/<!--[^]*?(?:-->|$)|<[^<>]*>|<|[^<]+/g)) {
    const raw = token[0];
    if (raw.startsWith('<!--')) continue;
    const tag = raw.length > 1 && raw.startsWith('<') ? parseTag(raw) : null;
    if (dropDepth > 0) {
      if (tag && tag.name === dropName) dropDepth += tag.closing ? -1 : raw.endsWith('/>') ? 0 : 1;
      continue;
    }
    if (!tag) {
      pushText(decodeEntities(raw === '<' ? '<' : raw).replace(/[\r\n\t]+/g, ' '));
      continue;
    }
    if (DROP_CONTENT.has(tag.name)) {
      if (!tag.closing && !raw.endsWith('/>')) {
        dropDepth = 1;
        dropName = tag.name;
      }
      continue;
    }
    if (tag.name === 'br') pushBreak();
    else if (BLOCKS.has(tag.name)) {
      if (!tag.closing && blockOpen) pushBreak();
      if (tag.closing) {
        pushBreak();
        blockOpen = false;
      } else blockOpen = true;
    } else if (tag.name === 'a') {
      closeLink();
      if (!tag.closing) link = { url: safeUrl(tag.attrs.href), cls: tag.attrs.class ?? '', text: '' };
    }
  }
  closeLink();
  while (spans.length > 0 && spans[spans.length - 1]!.type === 'break') spans.pop();
  return normalizeSpans(spans);
}
