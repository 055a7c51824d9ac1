/** The two languages the bot speaks: the ground every layer names them from. */
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
