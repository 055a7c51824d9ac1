/**
 * A parent doing a self-check is asked about their child and told the outcome about their
 * child (language/audience.ts keeps who is writing). The flows about the applicant have a
 * parent's wording in both languages for every question and every outcome; the forms that
 * ask for the writer's own details (contact, hand-over) need none.
 */
import { shippedFlows } from './helpers';

const ABOUT_THE_APPLICANT = ['pn-eligibility', 'japan-readiness'];

describe.each(ABOUT_THE_APPLICANT)('the %s flow in a parent\'s wording', (id) => {
  it('asks every question about the child, in both languages', async () => {
    const flow = (await shippedFlows()).byId.get(id);
    expect(flow).toBeDefined();
    const missing = flow!.steps.filter((step) => !step.prompt.parent?.vi || !step.prompt.parent?.en).map((step) => step.id);
    expect(missing).toEqual([]);
  });

  it('tells every outcome about the child, in both languages', async () => {
    const flow = (await shippedFlows()).byId.get(id)!;
    const missing = [...flow.outcomes, flow.default].filter((outcome) => !outcome.text.parent?.vi || !outcome.text.parent?.en).map((outcome) => outcome.id);
    expect(missing).toEqual([]);
  });
});
