/**
 * Is a folded (accent-free) token shaped like a Vietnamese syllable? Used to tell
 * Vietnamese typed without accents from English, and to keep English stemming off
 * Vietnamese words.
 */

// Onset consonants, longest first so "ngh" wins over "ng" and "n".
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?';
// Vowel clusters of Vietnamese, folded (ươi -> uoi, yêu -> yeu ...).
const NUCLEUS = '(?:uyeu|uya|uye|uyu|uoi|uou|oai|oay|oeo|uay|uai|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|a|e|i|o|u|y)';
const CODA = '(?:ch|nh|ng|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`);

export function isVietnameseSyllable(folded: string): boolean {
  return SYLLABLE.test(folded);
}
