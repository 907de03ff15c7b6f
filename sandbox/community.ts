/**
 * Who lives in the sandbox: the brand (a fictional tourist office) and its community, with
 * what they say, in French and in English. Pure data and text; no network here.
 *
 * Handles end in `.test` (the sandbox PDS's domain), keep their first label between 3 and 18
 * characters of [a-z0-9-], and avoid the PDS's reserved names (admin, info, news, bot...).
 */
import type { Rng } from './random';

export type Lang = 'fr' | 'en';

export interface Persona {
  handle: string;
  displayName: string;
  description: string;
  lang: Lang;
  /** Avatar colours: background, then foreground. */
  colors: [string, string];
  /** 'regular' people, one grumpy troll and one follower-selling spammer. */
  kind: 'regular' | 'troll' | 'spammer';
}

export const BRAND = {
  handle: 'port-lumiere.test',
  displayName: 'Office de Tourisme de Port-Lumière',
  description:
    'Office de Tourisme de Port-Lumière 🌊 Port de pêche, marché du samedi, Festival des Lanternes. ' +
    'Tourist office of Port-Lumière: harbour, market, lantern festival. (Compte fictif du bac à sable Tribune.)',
  colors: ['#0b3c5d', '#f2c14e'] as [string, string],
  workspaceName: 'Office de Tourisme de Port-Lumière',
} as const;

/** The smallest and largest community the sandbox seeds. */
export const COMMUNITY_MIN = 20;
export const COMMUNITY_MAX = 50;

const FR_FIRST = ['Camille', 'Léa', 'Hugo', 'Manon', 'Yann', 'Chloé', 'Théo', 'Inès', 'Jules', 'Nolwenn', 'Nathan', 'Zoé', 'Erwan', 'Maëlle', 'Gabriel', 'Louise', 'Arthur', 'Margaux', 'Paul', 'Élodie', 'Gwenaël', 'Anaïs', 'Loïc', 'Solène', 'Mathis', 'Lucie'];
const FR_LAST = ['Le Gall', 'Marin', 'Bernard', 'Dubois', 'Morel', 'Lefèvre', 'Roux', 'Fournier', 'Girard', 'Bonnet', 'Tanguy', 'Lambert', 'Fontaine', 'Rousseau', 'Guillou', 'Quéré', 'Leroy', 'Garnier', 'Chevalier', 'Le Bihan', 'Kerjean', 'Moreau', 'Perrin', 'Caradec', 'Joly', 'Riou'];
const EN_FIRST = ['Emily', 'James', 'Olivia', 'Harry', 'Sophie', 'Jack', 'Grace', 'Oliver', 'Amelia', 'Thomas', 'Hannah', 'George', 'Isla', 'Samuel', 'Ruby', 'William', 'Lily', 'Ethan', 'Freya', 'Noah', 'Megan', 'Callum'];
const EN_LAST = ['Smith', 'Taylor', 'Brown', 'Wilson', 'Evans', 'Roberts', 'Walker', 'Wright', 'Hughes', 'Green', 'Hall', 'Wood', 'Clarke', 'Turner', 'Baker', 'Hill', 'Cooper', 'Ward', 'Morris', 'Bell', 'Murphy', 'Bennett'];

const FR_ROLES = [
  'Pêcheuse au port depuis quinze ans.',
  'Restaurateur sur le quai des Brumes.',
  'Guide de randonnée sur le sentier des douaniers.',
  'Photographe amateur, lever de soleil obligatoire.',
  'Retraité, bénévole au Festival des Lanternes.',
  'Étudiante en tourisme à Lorient.',
  'Gérant du camping des Dunes.',
  'Skipper, sorties en mer tout l’été.',
  'Maraîchère au marché du samedi.',
  'Blogueur voyage, la Bretagne d’abord.',
  'Maman de trois enfants, toujours à la plage.',
  'Kayakiste du dimanche.',
  'Libraire rue des Haubans.',
  'Boulanger, kouign-amann maison.',
];
const FR_LIKES = ['J’aime les couchers de soleil sur la jetée.', 'Fan de crêpes et de cidre.', 'Toujours partante pour une balade au phare.', 'Abonné aux marées de vives-eaux.', 'Ici pour les bons plans du week-end.', 'Né à Port-Lumière, jamais parti.'];
const EN_ROLES = [
  'Travel blogger, slow travel in Brittany.',
  'Sailing enthusiast from Plymouth.',
  'Retired teacher, spends every summer in Port-Lumière.',
  'Birdwatcher with a very long lens.',
  'Food lover: oysters, crêpes, repeat.',
  'Cyclist on the coastal route.',
  'Landscape photographer.',
  'Expat living above the harbour.',
  'Planning our family holiday.',
  'Surfer, chasing the autumn swell.',
];
const EN_LIKES = ['Lighthouses are my thing.', 'Always looking for the best market stall.', 'Coffee first, beach second.', 'Here for festival news.', 'Learning French one menu at a time.'];

const PALETTE: [string, string][] = [
  ['#1d4ed8', '#ffffff'],
  ['#0f766e', '#ffffff'],
  ['#b45309', '#ffffff'],
  ['#be185d', '#ffffff'],
  ['#6d28d9', '#ffffff'],
  ['#15803d', '#ffffff'],
  ['#c2410c', '#ffffff'],
  ['#0369a1', '#ffffff'],
  ['#a16207', '#ffffff'],
  ['#475569', '#ffffff'],
];

/** "Gwenaël Le Bihan" → "gwenael-le-bihan" (ASCII, at most 18 characters, no dash at the end). */
export function handleSlug(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return ascii.slice(0, 18).replace(/-+$/, '');
}

/** The community: `size` people (20-50), the same ones for the same seed. */
export function communityPersonas(size: number, rng: Rng): Persona[] {
  if (!Number.isInteger(size) || size < COMMUNITY_MIN || size > COMMUNITY_MAX) {
    throw new Error(`the community has ${COMMUNITY_MIN} to ${COMMUNITY_MAX} accounts, not ${size}`);
  }
  const people: Persona[] = [
    {
      handle: 'raleur-du-port.test',
      displayName: 'Le Râleur du Port',
      description: 'Tout était mieux avant. Je dis ce que je pense. / I say what I think.',
      lang: 'fr',
      colors: ['#7f1d1d', '#fecaca'],
      kind: 'troll',
    },
    {
      handle: 'boost-followers.test',
      displayName: 'Boost Followers 💯',
      description: 'Cheap followers, likes & views!!! 10k followers for 9€ 👉 https://spam.invalid/boost',
      lang: 'en',
      colors: ['#facc15', '#111827'],
      kind: 'spammer',
    },
  ];
  const used = new Set(people.map((p) => p.handle));
  const frFirst = rng.shuffle(FR_FIRST);
  const frLast = rng.shuffle(FR_LAST);
  const enFirst = rng.shuffle(EN_FIRST);
  const enLast = rng.shuffle(EN_LAST);
  for (let i = 0; people.length < size; i++) {
    // Three French speakers for two English speakers: it is a French town with visitors.
    const lang: Lang = i % 5 < 3 ? 'fr' : 'en';
    const first = lang === 'fr' ? frFirst[i % frFirst.length]! : enFirst[i % enFirst.length]!;
    const last = lang === 'fr' ? frLast[(i * 7) % frLast.length]! : enLast[(i * 5) % enLast.length]!;
    const displayName = `${first} ${last}`;
    let handle = `${handleSlug(displayName)}.test`;
    for (let n = 2; used.has(handle); n++) handle = `${handleSlug(displayName).slice(0, 16)}${n}.test`;
    used.add(handle);
    const description = lang === 'fr' ? `${rng.pick(FR_ROLES)} ${rng.pick(FR_LIKES)}` : `${rng.pick(EN_ROLES)} ${rng.pick(EN_LIKES)}`;
    people.push({ handle, displayName, description, lang, colors: PALETTE[i % PALETTE.length]!, kind: 'regular' });
  }
  return people;
}

/**
 * A regular's message in their own words: signed with their first name and initial ("— Manon L.").
 * The community draws from a few texts; without this, three people sending the same one within
 * the hour would be a true "wave of identical messages" for the charter, and the demo's inbox would
 * be flagged from end to end. The troll and the spammer do not sign.
 */
export function inTheirWords(text: string, persona: Pick<Persona, 'displayName' | 'kind'>): string {
  if (persona.kind !== 'regular') return text;
  const [first, ...rest] = persona.displayName.split(' ');
  const initial = rest.join(' ').charAt(0);
  return `${text} — ${first}${initial ? ` ${initial}.` : ''}`;
}

/** What the brand has already published when the sandbox opens. */
export const BRAND_POSTS: string[] = [
  'Bienvenue à Port-Lumière ! 🌊 Le phare se visite tous les jours de 10 h à 18 h, montée des 212 marches comprise. #PortLumière',
  'Le marché du samedi revient sur le quai des Brumes : producteurs locaux, poisson du matin et crêpes. Rendez-vous dès 8 h ! #MarchéDuPort',
  'Save the date: the Lantern Festival lights up the harbour on the last Saturday of the month. Lantern workshop for kids at the tourist office 🏮 #LanternFestival',
  'Météo du week-end : grand soleil et marée haute à 17 h 40. Parfait pour le sentier des douaniers ! ☀️',
];

/** Texts the brand's community writes; `{brand}` becomes the brand's @handle. */
export const TEXTS: Record<'post' | 'mention' | 'reply' | 'rude' | 'spam', Record<Lang, string[]>> = {
  post: {
    fr: [
      'Le port est magnifique ce matin, la brume se lève sur les chalutiers. #PortLumière',
      'Premières fraises au marché du samedi 🍓 La file devant le stand des Riou en dit long.',
      'Coucher de soleil depuis la jetée ce soir. Je ne m’en lasse pas. 🌅',
      'Quelqu’un sait si le bac pour l’île aux Mouettes reprend demain ?',
      'Grosse marée ce week-end : les pêcheurs à pied sont de sortie. #PortLumière',
      'Atelier lanternes avec les enfants, ils sont fiers comme tout 🏮 #FestivalDesLanternes',
      'Pluie le matin, soleil l’après-midi : la météo bretonne dans toute sa splendeur.',
      'Nouvelle crêperie rue des Haubans, la complète est parfaite. Adresse à retenir !',
    ],
    en: [
      'Morning walk along the harbour, fishing boats coming back with the tide. Bliss. #PortLumiere',
      'The Saturday market in Port-Lumière is something else. Bought far too much cheese.',
      'Sunset from the lighthouse. No filter needed. 🌅',
      'Is the ferry to Gull Island running tomorrow? Planning a day trip.',
      'Rain in the morning, sunshine by lunch. Classic Brittany weather!',
      'Kids made lanterns for the festival and now they want to make twenty more 🏮',
      'Best oysters I have had in years, right on the quay.',
    ],
  },
  mention: {
    fr: [
      '{brand} bonjour, le phare est-il ouvert le dimanche matin ?',
      '{brand} merci pour l’accueil hier, l’équipe a été adorable !',
      '{brand} le parking du port était complet à 10 h, une solution pour samedi ?',
      '{brand} est-ce que le Festival des Lanternes est accessible en fauteuil roulant ?',
      '{brand} super balade sur le sentier des douaniers grâce à votre carte, merci ! 🙏',
      '{brand} les toilettes de la plage sont encore fermées, c’est normal ?',
      '{brand} quels sont les horaires du bac pour l’île aux Mouettes cette semaine ?',
    ],
    en: [
      '{brand} hi! Is the lighthouse open on Sunday mornings?',
      '{brand} thank you for the lovely welcome yesterday, your team was great!',
      '{brand} any English-language guided tours of the old town this week?',
      '{brand} where can we park a camper van near the harbour?',
      '{brand} the festival programme link on your site seems broken.',
      '{brand} loved the market map you gave us, thanks!',
    ],
  },
  reply: {
    fr: ['Super idée, on y sera ! 🙌', 'Vivement samedi !', 'Merci pour l’info 👍', 'Et s’il pleut, c’est maintenu ?', 'Génial, les enfants vont adorer.', 'Enfin ! On attendait ça depuis l’an dernier.'],
    en: ['Great, we will be there! 🙌', 'Can’t wait!', 'Thanks for sharing 👍', 'Is it still on if it rains?', 'The kids are going to love this.', 'Is there an English version of the programme?'],
  },
  rude: {
    fr: [
      '{brand} vous ne répondez jamais, franchement c’est nul.',
      '{brand} encore un festival pour les touristes, et nous les habitants on paie. Bande d’incapables.',
      '{brand} votre site est une catastrophe, on dirait qu’il a été fait en 1998.',
    ],
    en: ['{brand} worst tourist office ever, nobody answers the phone. Useless.', '{brand} what a joke of a festival. Total waste of money.'],
  },
  spam: {
    fr: ['{brand} 🔥 Gagnez 10 000 abonnés en 24 h !!! Offre limitée 👉 https://spam.invalid/abonnes?promo=port', '{brand} Votre compte mérite mieux 💯 Likes pas chers ici : https://spam.invalid/likes'],
    en: ['{brand} 🚀 Cheap followers! 10k real followers for only $9 👉 https://spam.invalid/buy?ref=port', '{brand} Boost your reach NOW!!! https://spam.invalid/boost 💯💯💯'],
  },
};
