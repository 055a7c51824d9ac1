// The package ships no types: it exports one function from word to stem.
declare module 'wink-porter2-stemmer' {
  function stem(word: string): string;
  export = stem;
}
