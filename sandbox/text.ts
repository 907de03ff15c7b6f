/** Post text with its facets (mentions, links, hashtags), as a Bluesky client would send it. */
import { AppBskyRichtextFacet, RichText } from '@atproto/api';

export interface PostText {
  text: string;
  facets: AppBskyRichtextFacet.Main[];
}

/**
 * Finds mentions, links and hashtags in `text` (byte offsets in UTF-8, as the lexicon wants)
 * and gives each @handle its DID from `dids`; a mention of an unknown handle stays plain text.
 * No network call: the sandbox knows every DID.
 */
export function richText(text: string, dids: ReadonlyMap<string, string>): PostText {
  const rt = new RichText({ text });
  rt.detectFacetsWithoutResolution();
  const facets: AppBskyRichtextFacet.Main[] = [];
  for (const facet of rt.facets ?? []) {
    const features = facet.features.flatMap((feature) => {
      if (AppBskyRichtextFacet.isMention(feature)) {
        // Without resolution, the handle stands where the DID goes.
        const did = dids.get(feature.did.toLowerCase());
        return did ? [{ ...feature, did }] : [];
      }
      return [feature];
    });
    if (features.length > 0) facets.push({ ...facet, features });
  }
  return { text: rt.text, facets };
}
