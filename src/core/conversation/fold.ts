/** The folding function moved to the ground floor (src/core/language/fold); kept so imports made before the move still work. */
export { containsPhrase, foldPhrase } from '../language/fold';
