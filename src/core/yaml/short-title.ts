/**
 * The short button title staff write next to a question or a flow choice (`short: { vi, en }`),
 * one schema for the knowledge base and the dialogs: Messenger cuts quick-reply titles at
 * 20 characters, so the content says how to name the button rather than have it cut.
 */
import { z } from 'zod';

export const SHORT_TITLE_MAX = 20;

const shortText = z.string().trim().min(1).max(SHORT_TITLE_MAX, `must be at most ${SHORT_TITLE_MAX} characters (a button title on Messenger)`);

export const shortTitleSchema = z.strictObject({ vi: shortText, en: shortText });
