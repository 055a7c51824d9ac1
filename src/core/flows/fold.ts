/**
 * A comparison form for short answers: lower case, no diacritics (đ -> d), single
 * spaces, no surrounding punctuation. Users on phones often type without accents.
 * Kept local so flows do not wait on the matcher's normaliser; both fold the same way.
 */
export function foldAnswer(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[.,!?;:"()[\]…]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^['-]+|['-]+$/g, '')
    .trim();
}
