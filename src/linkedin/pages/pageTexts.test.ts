import { describe, expect, it } from 'vitest';
import { composeUrlWithoutBody, isBirthdayCardText } from './birthdays.ts';
import { nameFromTitle } from './profile.ts';

describe('catch-up cards', () => {
  it.each([
    ['Célébrez l’anniversaire de Sarah aujourd’hui', true],
    ["Celebrate Sarah's belated birthday", true],
    ['Happy birthday!', true],
    ['Félicitez Marc pour son nouveau poste de CTO chez Acme', false],
    ['Congratulate Marc on starting a new position as CTO at Acme', false],
    ["Celebrate Marc's 5 years at Acme", false],
    ['Célébrez les 5 ans de Marc chez Acme', false],
    ['Félicitez Marc pour son anniversaire professionnel', false],
    ['Congratulate Marc on their work anniversary', false],
  ])('label %j is a birthday card: %s', (label, expected) => {
    expect(isBirthdayCardText([label], false)).toBe(expected);
  });

  it('a card of the older design with no label line counts when it has a "when" label', () => {
    expect(isBirthdayCardText([], true)).toBe(true);
    expect(isBirthdayCardText([], false)).toBe(false);
  });

  it("drops LinkedIn's suggested text from the compose link, keeps the recipient", () => {
    expect(
      composeUrlWithoutBody(
        '/messaging/compose/?recipient=ACoAAB1&body=Joyeux%20anniversaire&interop=msgOverlay',
        'http://127.0.0.1:8090/mynetwork/catch-up/birthday/',
      ),
    ).toBe('http://127.0.0.1:8090/messaging/compose/?recipient=ACoAAB1&interop=msgOverlay');
  });
});

describe('profile names from the page title', () => {
  it.each([
    ['Marie Curie | LinkedIn', 'Marie Curie'],
    ['(3) Marie Curie | LinkedIn', 'Marie Curie'],
    ['LinkedIn', null],
    ['Feed | LinkedIn', 'Feed'],
    ['Some page', null],
  ])('%j → %j', (title, name) => {
    expect(nameFromTitle(title)).toBe(name);
  });
});
