/**
 * Seeds the sandbox network: the brand account (with an app password for Tribune), a
 * community of 20-50 people with names, avatars and bios who follow the brand and each other,
 * and the brand's first posts.
 */
import { AtpAgent } from '@atproto/api';
import { avatarPng, initialsOf } from './avatars';
import { BRAND, BRAND_POSTS, communityPersonas, type Persona } from './community';
import type { BlueskyAccount, BlueskyNetwork } from './network';
import type { Rng } from './random';
import { richText } from './text';

export interface SeededAccount {
  did: string;
  handle: string;
  /** Main password (the sandbox's own accounts: nothing here is real). */
  password: string;
  agent: AtpAgent;
}

export interface Member extends SeededAccount {
  persona: Persona;
}

export interface SeededBrand extends SeededAccount {
  /** The app password Tribune connects with. */
  appPassword: string;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function agentFor(pdsUrl: string, account: BlueskyAccount): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: pdsUrl });
  await agent.resumeSession({ did: account.did, handle: account.handle, accessJwt: account.accessJwt, refreshJwt: account.refreshJwt, active: true });
  return agent;
}

async function setProfile(agent: AtpAgent, profile: { displayName: string; description: string; initials: string; colors: readonly [string, string] }): Promise<void> {
  const png = await avatarPng(profile.initials, profile.colors);
  const { data } = await agent.uploadBlob(png, { encoding: 'image/png' });
  await agent.upsertProfile((existing) => ({
    ...existing,
    displayName: profile.displayName,
    description: profile.description,
    avatar: data.blob,
  }));
}

/** The brand account, its profile and the app password Tribune will use. */
export async function seedBrand(network: BlueskyNetwork, password?: string): Promise<SeededBrand> {
  const account = await network.createAccount(BRAND.handle, password);
  const agent = await agentFor(network.pdsUrl, account);
  await setProfile(agent, { displayName: BRAND.displayName, description: BRAND.description, initials: 'PL', colors: BRAND.colors });
  const appPassword = await network.createAppPassword(account, 'Tribune (bac à sable)');
  return { did: account.did, handle: account.handle, password: account.password, agent, appPassword };
}

/** The community (accounts, profiles, follows) and the brand's first posts. */
export async function seedCommunity(
  network: BlueskyNetwork,
  brand: SeededBrand,
  options: { size: number; rng: Rng; password: string },
): Promise<Member[]> {
  const personas = communityPersonas(options.size, options.rng);
  // Account creation signs PLC operations and writes repos: a few at a time on 2 cores.
  const members = await mapLimit(personas, 4, async (persona) => {
    const account = await network.createAccount(persona.handle, options.password);
    const agent = await agentFor(network.pdsUrl, account);
    await setProfile(agent, { displayName: persona.displayName, description: persona.description, initials: initialsOf(persona.displayName), colors: persona.colors });
    return { did: account.did, handle: account.handle, password: options.password, agent, persona } satisfies Member;
  });

  // Everyone follows the brand; people follow 3-8 others; the brand follows a dozen back.
  // One commit per account (applyWrites) rather than one per follow.
  const follows = new Map<SeededAccount, string[]>();
  for (const member of members) {
    const others = options.rng.shuffle(members.filter((m) => m !== member && m.persona.kind === 'regular'));
    follows.set(member, [brand.did, ...others.slice(0, options.rng.int(3, 8)).map((m) => m.did)]);
  }
  follows.set(
    brand,
    options.rng
      .shuffle(members.filter((m) => m.persona.kind === 'regular'))
      .slice(0, 12)
      .map((m) => m.did),
  );
  await mapLimit([...follows], 4, ([from, subjects]) => followAll(from, subjects));

  const dids = handleDids(brand, members);
  for (const [i, text] of BRAND_POSTS.entries()) {
    const { text: t, facets } = richText(text, dids);
    // A little apart, oldest first, so the feed reads in order.
    await brand.agent.post({ text: t, facets, langs: [i === 2 ? 'en' : 'fr'], createdAt: new Date(Date.now() - (BRAND_POSTS.length - i) * 60_000).toISOString() });
  }
  return members;
}

async function followAll(from: SeededAccount, subjects: readonly string[]): Promise<void> {
  const createdAt = new Date().toISOString();
  await from.agent.com.atproto.repo.applyWrites({
    repo: from.did,
    writes: subjects.map((subject) => ({
      $type: 'com.atproto.repo.applyWrites#create' as const,
      collection: 'app.bsky.graph.follow',
      value: { $type: 'app.bsky.graph.follow', subject, createdAt },
    })),
  });
}

/** handle → DID for every sandbox account, to turn @mentions into facets. */
export function handleDids(brand: SeededAccount, members: readonly SeededAccount[]): Map<string, string> {
  return new Map([brand, ...members].map((a) => [a.handle.toLowerCase(), a.did]));
}
