// The package's own types are not exported for CommonJS: we use only the English list.
declare module 'stopword' {
  export const eng: string[];
  export const vie: string[];
}
