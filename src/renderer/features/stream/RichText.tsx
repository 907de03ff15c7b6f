import type { ReactNode } from 'react';
import type { Span } from '../../../shared/board/schemas';
import { linkLabel, normaliseTag, safeHref } from '../../model/board/safeLinks';

interface RichTextProps {
  spans: readonly Span[];
  /** A mention was activated: open that profile in Tribune. */
  onMention(handle: string): void;
  /** A hashtag was activated: open a search for it in Tribune. */
  onTag(tag: string): void;
  /** Links and buttons leave the tab order unless the card holds the column's tab stop. */
  tabIndex?: number;
}

/**
 * Network text from safe spans, as React elements only (never HTML): links are http(s) only and
 * open in the system browser (the shell's external-link path); mentions and hashtags are buttons
 * that open in Tribune. An unknown span type or a link that is not http(s) shows as plain text.
 */
export function RichText({ spans, onMention, onTag, tabIndex }: RichTextProps) {
  const out: ReactNode[] = [];
  spans.forEach((span, i) => {
    switch (span.type) {
      case 'text':
        out.push(span.text);
        break;
      case 'break':
        out.push(<br key={i} />);
        break;
      case 'link': {
        const href = safeHref(span.url);
        if (!href) {
          out.push(span.text);
          break;
        }
        out.push(
          <a key={i} className="rt-link" href={href} target="_blank" rel="noopener noreferrer nofollow" tabIndex={tabIndex} title={href}>
            {span.text && !/^https?:\/\//.test(span.text) ? span.text : linkLabel(href)}
          </a>,
        );
        break;
      }
      case 'mention': {
        const handle = span.handle;
        if (!handle) {
          out.push(span.text);
          break;
        }
        out.push(
          <button key={i} type="button" className="rt-mention" tabIndex={tabIndex} onClick={() => onMention(handle)}>
            {span.text}
          </button>,
        );
        break;
      }
      case 'tag':
        out.push(
          <button key={i} type="button" className="rt-tag" tabIndex={tabIndex} onClick={() => onTag(normaliseTag(span.tag))}>
            {span.text}
          </button>,
        );
        break;
      default:
        // A span type this version does not know: nothing of it is trusted, nothing shown.
        break;
    }
  });
  return <>{out}</>;
}
