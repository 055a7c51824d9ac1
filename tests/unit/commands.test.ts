/** The typed commands: whole messages only, any accents, case or punctuation. */
import { recogniseCommand } from '../../src/core/conversation/commands';

describe('recogniseCommand', () => {
  it.each([
    ['English', { kind: 'lang', lang: 'en' }],
    ['english please', { kind: 'lang', lang: 'en' }],
    ['  ENGLISH!! ', { kind: 'lang', lang: 'en' }],
    ['tiếng Anh', { kind: 'lang', lang: 'en' }],
    ['tiếng Việt', { kind: 'lang', lang: 'vi' }],
    ['Tiếng việt.', { kind: 'lang', lang: 'vi' }],
    ['tieng viet', { kind: 'lang', lang: 'vi' }],
    ['Vietnamese', { kind: 'lang', lang: 'vi' }],
    ['menu', { kind: 'menu' }],
    ['Help?', { kind: 'help' }],
    ['giúp', { kind: 'help' }],
    ['trợ giúp', { kind: 'help' }],
    ['tro giup', { kind: 'help' }],
    ['cancel', { kind: 'cancel' }],
    ['hủy', { kind: 'cancel' }],
    ['Huỷ', { kind: 'cancel' }],
    ['huy', { kind: 'cancel' }],
    ['thôi', { kind: 'cancel' }],
    ['talk to a person', { kind: 'handoff' }],
    ['Talk to a human', { kind: 'handoff' }],
    ['gặp nhân viên', { kind: 'handoff' }],
    ['gap tu van vien', { kind: 'handoff' }],
  ])('"%s" is a command', (text, command) => {
    expect(recogniseCommand(text)).toEqual(command);
  });

  it.each([
    'What is on the menu at the dormitory?',
    'Can you help me apply to PN?',
    'em muốn hủy hồ sơ thì làm sao',
    'English test for PN is hard?',
    'Học bổng PN gồm những gì?',
    '',
    '😀',
    'thời gian',
  ])('"%s" is not a command', (text) => {
    expect(recogniseCommand(text)).toBeNull();
  });
});
