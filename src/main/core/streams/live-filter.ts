/** Which streamed entries a live column takes: the same filters as the column's polled reads. */
import type { ColumnQuery, ColumnType } from '../../../shared/board/schemas';
import type { RemoteEntry } from '../connectors/reader';

export interface LiveColumn {
  id: string;
  type: ColumnType;
  query: ColumnQuery;
}

/** Does a streamed entry belong in this column (the same filters as the column's polled reads)? */
export function accepts(c: LiveColumn, e: RemoteEntry): boolean {
  const q = c.query;
  switch (c.type) {
    case 'notifications':
      return e.kind === 'notification' && (!q.kinds?.length || q.kinds.includes(e.type));
    case 'mentions':
      return e.kind === 'notification' && (e.type === 'mention' || e.type === 'reply');
    case 'search': {
      if (e.kind !== 'item') return false;
      const text = e.item.text.toLowerCase();
      return !(q.exclude ?? []).some((w) => text.includes(w.toLowerCase())) && (!q.lang || !e.item.language || e.item.language.startsWith(q.lang));
    }
    default:
      return e.kind === 'item';
  }
}
