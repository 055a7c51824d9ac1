/**
 * One reading of a message. The engine reads the message a turn is about once, into an
 * Utterance, and passes it down: commands, forms, action triggers, the follow-up cues and
 * the matcher all take their forms from it instead of normalising, folding and detecting
 * the language again each. Each form is made the first time something asks for it, and
 * only then (a button click needs none, a command needs only the folded words).
 */
import { askingPartOf, askingSentences, askingSentencesOf, type AskingPart } from './asking-part';
import { detectLanguage, type DetectionHints, type LanguageGuess } from './detect';
import { fold, foldPhrase, wordsOfFold } from './fold';
import { normalizeVietnamese, toNfc, tokenize } from './normalize';

export interface Utterance {
  /** The message as the turn reads it. */
  readonly text: string;
  /** Normalised (normalize.ts): NFC, lower case, tone marks placed one way, exam codes joined; accents kept. */
  readonly normalized: string;
  /** The normalised text's words (letters and digits), accents kept. */
  readonly tokens: readonly string[];
  /** Folded (fold.ts): lower case without accents, position for position with the NFC text. */
  readonly folded: string;
  /** The folded words, single-spaced: what commands, triggers and form choices are compared with. */
  readonly phrase: string;
  /** The language of the text alone (detect.ts). */
  readonly language: LanguageGuess;
  /** The part of the message that asks (asking-part.ts). */
  readonly asking: AskingPart;
  /** The sentences of the asking part that ask, in order (two questions in one message give two). */
  readonly askingSentences: readonly string[];
}

/** Reads a message. `hints` are the lexicon's words for the language detection (teencode counts as Vietnamese). */
export function readUtterance(text: string, hints: DetectionHints = {}): Utterance {
  return new Reading(text, hints);
}

/** Each form is computed once, when first read. */
class Reading implements Utterance {
  private nfcText?: string;
  private normalizedText?: string;
  private tokenList?: readonly string[];
  private foldedText?: string;
  private phraseText?: string;
  private guess?: LanguageGuess;
  private askingPartFound?: AskingPart;
  private askingSentenceList?: readonly string[];

  constructor(
    readonly text: string,
    private readonly hints: DetectionHints,
  ) {}

  private get nfc(): string {
    return (this.nfcText ??= toNfc(this.text));
  }

  get normalized(): string {
    return (this.normalizedText ??= normalizeVietnamese(this.text));
  }

  get tokens(): readonly string[] {
    return (this.tokenList ??= tokenize(this.normalized));
  }

  get folded(): string {
    return (this.foldedText ??= fold(this.nfc));
  }

  get phrase(): string {
    return (this.phraseText ??= wordsOfFold(this.folded));
  }

  get language(): LanguageGuess {
    return (this.guess ??= detectLanguage(this.text, this.hints, this.tokens));
  }

  get asking(): AskingPart {
    const { text, folded } = this.trimmed;
    return (this.askingPartFound ??= askingPartOf(text, folded));
  }

  get askingSentences(): readonly string[] {
    if (this.askingSentenceList) return this.askingSentenceList;
    const asking = this.asking;
    // A trimmed asking part is other text than the message (its sentences joined): read on its own.
    this.askingSentenceList = asking.trimmed ? askingSentences(asking.text) : askingSentencesOf(this.trimmed.text, this.trimmed.folded);
    return this.askingSentenceList;
  }

  /** The trimmed NFC text and, position for position, its slice of the fold. */
  private get trimmed(): { text: string; folded: string } {
    const nfc = this.nfc;
    const start = nfc.length - nfc.trimStart().length;
    const text = nfc.trim();
    return { text, folded: this.folded.slice(start, start + text.length) };
  }
}

/** The text of a message. */
export function textOf(message: string | Pick<Utterance, 'text'>): string {
  return typeof message === 'string' ? message : message.text;
}

/** The folded words of a message: an Utterance's own, a plain text's folded here. */
export function phraseOf(message: string | Pick<Utterance, 'phrase'>): string {
  return typeof message === 'string' ? foldPhrase(message) : message.phrase;
}
