import { escapeMarkdown } from '../../src/bot/staff-notice';

describe('escapeMarkdown (students\' words in the staff card)', () => {
  it('shows a Markdown link as typed instead of a clickable link', () => {
    const escaped = escapeMarkdown('[Reset password](https://evil.example) *now*');
    expect(escaped).toBe('\\[Reset password\\]\\(https://evil\\.example\\) \\*now\\*');
    expect(escaped).not.toMatch(/(^|[^\\])\[/);
  });

  it('leaves Vietnamese text alone', () => {
    expect(escapeMarkdown('Học bổng PN gồm những gì')).toBe('Học bổng PN gồm những gì');
  });
});
