/**
 * A board that shows the job at once: a couple of drafts, a post scheduled for tomorrow
 * morning and one already published through Tribune, all for the brand's account, and the
 * brand's board of columns (Home, Notifications, Mentions, a monitoring column on the town's
 * name and hashtag, Scheduled). Written through the contract, as the UI would.
 */
import { randomUUID } from 'node:crypto';
import type { ContractClient } from './rpc';

const DRAFTS: { text: string; language: string }[] = [
  { text: 'Programme du Festival des Lanternes : atelier lanternes mercredi à 14 h, grand défilé samedi à 21 h sur le quai des Brumes. Qui vient ? 🏮 #FestivalDesLanternes', language: 'fr' },
  { text: 'English-language guided tours of the old town are back every Thursday at 10 am. Meet us at the tourist office! #PortLumiere', language: 'en' },
];
const SCHEDULED = { text: 'Grande marée ce week-end : sortie pêche à pied encadrée samedi à 9 h, inscriptions à l’office de tourisme. 🦀 #PortLumière', language: 'fr' };
const PUBLISHED = { text: 'Le bac pour l’île aux Mouettes reprend ses horaires d’été : départs toutes les heures de 9 h à 18 h. Bonne traversée ! ⛴️', language: 'fr' };

function content(accountId: string, language: string) {
  return {
    targets: [{ accountId, variant: null }],
    media: [],
    contentWarning: null,
    language,
    visibility: null,
    poll: null,
    threadParts: null,
  };
}

/** The UTC instant of `hour`:`minute` tomorrow in `timeZone`. */
export function tomorrowAt(hour: number, minute: number, timeZone: string, now = new Date()): Date {
  const tomorrow = new Date(now.getTime() + 24 * 3600_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(tomorrow).map((p) => [p.type, p.value]),
  );
  const wallAsUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), hour, minute);
  // The zone's offset at that moment ("GMT+02:00"), applied backwards.
  const offsetName = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(wallAsUtc)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetName);
  const offsetMs = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  return new Date(wallAsUtc - offsetMs);
}

/** The brand's board: the network columns first, then Tribune's Scheduled; Drafts and Sent are removed. */
export async function seedColumns(rpc: ContractClient, workspaceId: string, accountId: string): Promise<void> {
  const [board] = await rpc.value('board.list', { workspaceId });
  if (!board) return;
  for (const column of board.columns) if (column.type !== 'scheduled') await rpc.value('column.remove', { columnId: column.id });
  const columns = [
    { type: 'home' as const },
    { type: 'notifications' as const },
    { type: 'mentions' as const },
    { type: 'search' as const, query: { q: 'Port-Lumière' }, width: 'wide' as const, notify: true },
    { type: 'search' as const, query: { tag: 'PortLumiere' }, notify: true },
  ];
  for (const [position, column] of columns.entries()) await rpc.value('column.add', { boardId: board.id, accountId, position, ...column });
}

export async function seedBoard(rpc: ContractClient, workspaceId: string, accountId: string, timeZone: string): Promise<void> {
  await seedColumns(rpc, workspaceId, accountId);
  for (const draft of DRAFTS) {
    await rpc.value('draft.save', { id: randomUUID(), workspaceId, text: draft.text, content: content(accountId, draft.language) });
  }
  const scheduled = randomUUID();
  await rpc.value('draft.save', { id: scheduled, workspaceId, text: SCHEDULED.text, content: content(accountId, SCHEDULED.language) });
  await rpc.value('post.schedule', { draftId: scheduled, at: tomorrowAt(9, 30, timeZone).toISOString(), timeZone });
  const published = randomUUID();
  await rpc.value('draft.save', { id: published, workspaceId, text: PUBLISHED.text, content: content(accountId, PUBLISHED.language) });
  await rpc.value('post.publishNow', { draftId: published });
}
