/**
 * The community keeps living while the sandbox runs: on a timer, one of its members posts
 * about the town, mentions the brand (questions, complaints, praise), replies to one of the
 * brand's latest posts, likes or reposts one; about one action in ten is rude or spam, so
 * that there is something to moderate. In French and in English.
 */
import { AppBskyFeedPost, AtpAgent } from '@atproto/api';
import { inTheirWords, TEXTS, type Lang } from './community';
import type { Rng } from './random';
import type { Member, SeededAccount } from './seed';
import { richText } from './text';

export const ACTION_KINDS = ['post', 'mention', 'reply', 'like', 'repost', 'rude', 'spam'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** How often each action happens (relative weights): rude and spam together ≈ 10 %. */
export const ACTION_WEIGHTS: Readonly<Record<ActionKind, number>> = { post: 24, mention: 22, reply: 17, like: 17, repost: 10, rude: 5, spam: 5 };

export interface Action {
  kind: ActionKind;
  by: string;
  /** The post written (post, mention, reply, rude, spam) or acted on (like, repost). */
  uri: string;
  text?: string;
  at: string;
}

export interface IntervalMs {
  min: number;
  max: number;
}

interface BrandPost {
  uri: string;
  cid: string;
  root: { uri: string; cid: string };
}

export class CommunitySimulation {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private readonly appview: AtpAgent;
  private readonly liked = new Set<string>();
  private readonly reposted = new Set<string>();
  readonly counts: Record<ActionKind, number> = { post: 0, mention: 0, reply: 0, like: 0, repost: 0, rude: 0, spam: 0 };
  failures = 0;

  constructor(
    private readonly options: {
      members: readonly Member[];
      brand: Pick<SeededAccount, 'did' | 'handle'>;
      dids: ReadonlyMap<string, string>;
      appviewUrl: string;
      rng: Rng;
      onAction?: (action: Action) => void;
      onError?: (error: unknown) => void;
    },
  ) {
    this.appview = new AtpAgent({ service: options.appviewUrl });
  }

  /** Acts every `interval` (a random delay between min and max each time) until stop(). */
  start(interval: IntervalMs): void {
    if (this.stopped || this.timer) return;
    const schedule = () => {
      if (this.stopped) return;
      const delay = interval.min + this.options.rng.next() * (interval.max - interval.min);
      this.timer = setTimeout(() => {
        this.running = this.act()
          .catch((error: unknown) => {
            this.failures++;
            if (!this.stopped) this.options.onError?.(error);
          })
          .finally(() => {
            this.running = undefined;
            schedule();
          });
      }, delay);
    };
    schedule();
  }

  /** Stops the timer and waits for the action in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One action, of the given kind or a weighted random one. */
  async act(kind: ActionKind = this.options.rng.weighted(ACTION_WEIGHTS)): Promise<Action> {
    const { rng } = this.options;
    const regulars = this.options.members.filter((m) => m.persona.kind === 'regular');
    const troll = this.options.members.find((m) => m.persona.kind === 'troll');
    const spammer = this.options.members.find((m) => m.persona.kind === 'spammer');
    switch (kind) {
      case 'post': {
        const by = rng.pick(regulars);
        return this.write('post', by, rng.pick(TEXTS.post[by.persona.lang]), by.persona.lang);
      }
      case 'mention': {
        const by = rng.pick(regulars);
        return this.write('mention', by, rng.pick(TEXTS.mention[by.persona.lang]), by.persona.lang);
      }
      case 'reply': {
        const by = rng.pick(regulars);
        const target = await this.brandPost();
        if (!target) return this.act('mention');
        return this.write('reply', by, rng.pick(TEXTS.reply[by.persona.lang]), by.persona.lang, target);
      }
      case 'like':
      case 'repost': {
        const done = kind === 'like' ? this.liked : this.reposted;
        const posts = await this.brandPosts();
        const pairs = regulars.flatMap((m) => posts.map((p) => ({ m, p }))).filter(({ m, p }) => !done.has(`${m.did} ${p.uri}`));
        if (pairs.length === 0) return this.act('mention');
        // Recent posts get most of the love.
        const recent = pairs.filter(({ p }) => posts.indexOf(p) < 3);
        const { m, p } = rng.pick(recent.length > 0 ? recent : pairs);
        done.add(`${m.did} ${p.uri}`);
        const { uri } = kind === 'like' ? await m.agent.like(p.uri, p.cid) : await m.agent.repost(p.uri, p.cid);
        return this.report({ kind, by: m.handle, uri, at: new Date().toISOString() });
      }
      case 'rude': {
        const by = troll && rng.chance(0.7) ? troll : rng.pick(regulars);
        const lang: Lang = by === troll ? (rng.chance(0.6) ? 'fr' : 'en') : by.persona.lang;
        const target = rng.chance(0.5) ? await this.brandPost() : undefined;
        return this.write('rude', by, rng.pick(TEXTS.rude[lang]), lang, target);
      }
      case 'spam': {
        const by = spammer ?? rng.pick(regulars);
        const lang: Lang = rng.chance(0.5) ? 'fr' : 'en';
        const target = rng.chance(0.5) ? await this.brandPost() : undefined;
        return this.write('spam', by, rng.pick(TEXTS.spam[lang]), lang, target);
      }
    }
  }

  private async write(kind: ActionKind, by: Member, template: string, lang: Lang, replyTo?: BrandPost): Promise<Action> {
    const { text, facets } = richText(inTheirWords(template.replaceAll('{brand}', `@${this.options.brand.handle}`), by.persona), this.options.dids);
    const { uri } = await by.agent.post({
      text,
      facets,
      langs: [lang],
      createdAt: new Date().toISOString(),
      ...(replyTo ? { reply: { root: replyTo.root, parent: { uri: replyTo.uri, cid: replyTo.cid } } } : {}),
    });
    return this.report({ kind, by: by.handle, uri, text, at: new Date().toISOString() });
  }

  private report(action: Action): Action {
    this.counts[action.kind]++;
    this.options.onAction?.(action);
    return action;
  }

  /** The brand's latest posts (its own, replies included: people answer those too), newest first. */
  private async brandPosts(): Promise<BrandPost[]> {
    const { data } = await this.appview.app.bsky.feed.getAuthorFeed({ actor: this.options.brand.did, limit: 10, filter: 'posts_with_replies' });
    const posts: BrandPost[] = [];
    for (const item of data.feed) {
      if (item.reason || item.post.author.did !== this.options.brand.did) continue; // reposts
      const record = item.post.record as AppBskyFeedPost.Record;
      const root = record.reply?.root ?? { uri: item.post.uri, cid: item.post.cid };
      posts.push({ uri: item.post.uri, cid: item.post.cid, root: { uri: root.uri, cid: root.cid } });
    }
    return posts;
  }

  private async brandPost(): Promise<BrandPost | undefined> {
    const posts = await this.brandPosts();
    // Mostly the newest three.
    return posts.length === 0 ? undefined : this.options.rng.pick(posts.slice(0, this.options.rng.chance(0.8) ? 3 : posts.length));
  }
}
