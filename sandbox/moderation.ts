/**
 * The demo workspace's starter charter and saved replies (FR/EN): the rules flag what the
 * sandbox's troll and spammer send (community.ts TEXTS.rude and .spam), so the inbox shows
 * flagged items as the community talks. Written through the contract, as the UI would.
 */
import { randomUUID } from 'node:crypto';
import type { ContractClient } from './rpc';

export const STARTER_CHARTER = {
  format: 'tribune-charter' as const,
  version: 1 as const,
  rules: [
    {
      id: 'insultes',
      name: 'Insultes et dénigrement',
      severity: 'warning' as const,
      action: 'hide' as const,
      match: { kind: 'words' as const, terms: ['nul', 'incapables', 'catastrophe', 'useless', 'what a joke', 'waste of money', 'worst'] },
    },
    { id: 'liens-spam', name: 'Liens de spam', severity: 'critical' as const, action: 'report' as const, match: { kind: 'link_domains' as const, domains: ['spam.invalid'] } },
    { id: 'achat-abonnes', name: 'Vente d’abonnés', severity: 'critical' as const, action: 'report' as const, match: { kind: 'regex' as const, pattern: '(abonnés|followers|likes) (pas chers|for only|en 24 h)', caseInsensitive: true } },
    { id: 'vague', name: 'Vague de messages identiques', severity: 'warning' as const, action: 'flag' as const, match: { kind: 'spam_wave' as const, minAuthors: 3, windowMinutes: 60 } },
    { id: 'majuscules', name: 'Tout en majuscules', severity: 'info' as const, action: 'flag' as const, match: { kind: 'all_caps' as const, minLetters: 20, ratio: 0.9 } },
  ],
};

export const STARTER_REPLIES = [
  { name: 'Merci', language: 'fr' as const, text: 'Merci {name} pour votre message ! L’équipe de {account} vous répond au plus vite.' },
  { name: 'Désolé du délai', language: 'fr' as const, text: 'Bonjour {name}, désolés pour l’attente. Pouvez-vous nous écrire en message privé avec les détails ? Nous regardons cela aujourd’hui.' },
  { name: 'Charte', language: 'fr' as const, text: 'Bonjour {name}, nous accueillons toutes les critiques, dans le respect de notre charte de modération. Merci de rester courtois.' },
  { name: 'Thanks', language: 'en' as const, text: 'Thanks {name} for your message! The {account} team will get back to you shortly.' },
  { name: 'Sorry for the wait', language: 'en' as const, text: 'Hi {name}, sorry for the wait. Could you send us the details in a direct message? We will look into it today.' },
];

export async function seedModeration(rpc: ContractClient, workspaceId: string): Promise<void> {
  await rpc.value('charter.save', { workspaceId, charter: STARTER_CHARTER });
  for (const reply of STARTER_REPLIES) await rpc.value('reply.save', { id: randomUUID(), workspaceId, ...reply });
}
