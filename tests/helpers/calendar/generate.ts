/** Builds a workspace full of awkward posts through the contract, for round trips and the benchmark. */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Core } from '../../../src/main/core/types';
import type { Campaign, Label } from '../../../src/shared/calendar/schemas';
import type { DraftContent, Media } from '../../../src/shared/publishing';
import { call } from './core';

const TEXTS = [
  'Vernissage jeudi 🎨, venez nombreux ; entrée libre',
  'Line one\nLine two\n\nLine four with a backslash \\ and a comma, and a semicolon;',
  'Emoji 👩🏽‍💻🇫🇷 family 👨‍👩‍👧‍👦 and accents éàçœ',
  'A long text '.repeat(400),
  'Quotes "double" and \'single\', colons: here; tabs\there',
  'https://musee.example/expo?a=1&b=2 — link first',
];

/** Spread over both daylight-saving changes of 2027 in Paris and New York, at awkward minutes. */
export function awkwardInstant(i: number): string {
  const anchors = [Date.parse('2027-03-14T06:30:00Z'), Date.parse('2027-03-28T00:59:00Z'), Date.parse('2027-10-31T00:30:00Z'), Date.parse('2027-11-07T05:45:00Z')];
  return new Date(anchors[i % 4]! + (i % 50) * 37 * 60_000 + Math.floor(i / 200) * 86_400_000).toISOString();
}

export async function makeImages(c: Core, workspaceId: string, n: number): Promise<Media[]> {
  const out: Media[] = [];
  for (let i = 0; i < n; i++) {
    const png = await sharp({ create: { width: 8 + i, height: 8, channels: 3, background: { r: 40 * i, g: 100, b: 200 } } }).png().toBuffer();
    out.push(await call<Media>(c, 'media.import', { workspaceId, fileName: `image ${i}, été.png`, mime: 'image/png', dataBase64: png.toString('base64') }));
  }
  return out;
}

export interface Generated {
  ids: string[];
  campaigns: Campaign[];
  labels: Label[];
}

export async function generatePosts(c: Core, workspaceId: string, n: number, options: { images?: Media[]; rich?: boolean } = {}): Promise<Generated> {
  const rich = options.rich ?? true;
  const campaigns = [
    await call<Campaign>(c, 'campaign.save', { workspaceId, name: 'Printemps, été', color: '#16a34a', startsOn: '2027-03-01', endsOn: '2027-06-30', goal: 'Visites; +10 %' }),
    await call<Campaign>(c, 'campaign.save', { workspaceId, name: 'Nocturnes', color: '#7c3aed', startsOn: null, endsOn: null, goal: '' }),
  ];
  const labels = [
    await call<Label>(c, 'label.save', { workspaceId, name: 'Expo', color: '#db2777' }),
    await call<Label>(c, 'label.save', { workspaceId, name: 'Coulisses; backstage', color: '#2563eb' }),
  ];
  const accountA = '0a0a0a0a-0000-4000-8000-00000000000a';
  const accountB = '0b0b0b0b-0000-4000-8000-00000000000b';
  const ids: string[] = [];
  const images = options.images ?? [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const text = `${TEXTS[i % TEXTS.length]!} #${i}`;
    const image = images.length > 0 && i % 3 === 0 ? images[i % images.length]! : null;
    const content: DraftContent = {
      targets: [
        { accountId: accountA, variant: null },
        ...(i % 2 === 0
          ? [{ accountId: accountB, variant: { parts: [{ text: `Version B ${i}, courte; 🎉`, media: [] }, { text: 'Suite\n2/2', media: [] }], contentWarning: i % 4 === 0 ? 'CW, spoiler' : null, language: 'fr', visibility: 'public' as const, poll: null } }]
          : []),
      ],
      media: image ? [{ mediaId: image.id, alt: `Alt, text; ${i} \\ ok` }] : [],
      contentWarning: null,
      language: i % 5 === 0 ? 'en' : 'fr',
      visibility: null,
      poll: null,
      threadParts: i % 7 === 0 ? [`Part 1 of ${i}`, 'Part 2\nwith newline'] : null,
    };
    await call(c, 'draft.save', { id, workspaceId, text, content });
    await call(c, 'post.setPlanning', {
      draftId: id,
      plannedAt: awkwardInstant(i),
      ...(i % 3 === 1 ? { timeZone: 'America/New_York' } : {}),
      ...(rich ? { campaignId: i % 4 === 3 ? null : campaigns[i % 2]!.id, labelIds: i % 2 ? [labels[0]!.id, labels[1]!.id] : [labels[0]!.id] } : {}),
      ...(i % 11 === 0 ? { kind: 'idea' } : {}),
    });
    if (rich && i % 5 === 0) await call(c, 'comment.add', { draftId: id, text: `Relu, ok; «${i}»\nMerci` });
    if (rich && i % 3 === 2) await call(c, 'review.submit', { draftId: id });
    ids.push(id);
  }
  return { ids, campaigns, labels };
}
