/**
 * Short labels for what a reply says ("key:help.text", "entry:pn.eligibility",
 * "prompt:contact.name", "outcome:contact.saved"): sent with every reply as
 * channelData.says, so transcripts and analytics can tell what was said by ids
 * whatever the wording, over HTTP as well as in the engine.
 */
import type { ReplyPlan, Text } from './plan';

export function textLabels(text: Text): string[] {
  if ('join' in text) return text.join.flatMap(textLabels);
  // A text in a parent's wording says so too ("audience:parent"), beside what it is.
  if ('audience' in text && text.audience) return [...textLabels({ ...text, audience: undefined }), `audience:${text.audience}`];
  if ('key' in text) return [`key:${text.key}`];
  if ('entry' in text) return 'link' in text ? [] : [`${text.field === 'answer' ? 'entry' : 'question'}:${text.entry}`];
  if ('choice' in text) return [`choice:${text.flow}.${text.step}.${text.choice}`];
  if ('step' in text) return [`${text.field}:${text.flow}.${text.step}`];
  if ('outcome' in text) return 'offer' in text ? [] : [`${text.field === 'text' ? 'outcome' : 'next'}:${text.flow}.${text.outcome}`];
  return [`${text.field}:${text.flow}`];
}

export function planLabels(plan: ReplyPlan): string[] {
  return plan.texts.flatMap(textLabels);
}
