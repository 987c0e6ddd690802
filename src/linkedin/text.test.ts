import { describe, expect, it } from 'vitest';
import {
  cleanProfileUrl,
  daysSinceIso,
  normalizeText,
  parseBirthdayLabel,
  parseExactBirthdayLabel,
  parseInvitationAge,
  slugFromProfileUrl,
} from './text.ts';

// Local calendar date: Oct 26 2025 (the parsers read local Y/M/D).
const today = new Date(2025, 9, 26, 10, 30);

describe('normalizeText', () => {
  it('folds accents, curly apostrophes, case and spaces', () => {
    expect(normalizeText('  Aujourd’hui\u00a0 Envoyée ')).toBe("aujourd'hui envoyee");
  });
});

describe('parseBirthdayLabel', () => {
  it.each([
    ['Today', 0],
    ['today', 0],
    ["Aujourd'hui", 0],
    ['Aujourd’hui', 0],
    ['Anniversaire aujourd’hui', 0],
    ['Birthday today', 0],
    ['Yesterday', 1],
    ['Hier', 1],
    ['avant-hier', 2],
    ['2 days ago', 2],
    ['1 day ago', 1],
    ['a day ago', 1],
    ['7 days ago', 7],
    ['Birthday was 3 days ago', 3],
    ['il y a 3 jours', 3],
    ['Il y a 1 jour', 1],
    ['il y a 6\u00a0jours', 6],
  ])('%s → %d', (text, days) => {
    expect(parseBirthdayLabel(text, today)).toBe(days);
  });

  it.each([
    ['Oct 24', 2],
    ['October 24', 2],
    ['Oct 26', 0],
    ['24 oct.', 2],
    ['24 octobre', 2],
    ['Sep 30', 26],
    ['30 sept.', 26],
    ['1er oct.', 25],
  ])('date %s relative to Oct 26 → %d', (text, days) => {
    expect(parseBirthdayLabel(text, today)).toBe(days);
  });

  it('takes a date later in the year as last year', () => {
    expect(parseBirthdayLabel('Dec 30', new Date(2026, 0, 2))).toBe(3);
    expect(parseBirthdayLabel('30 déc.', new Date(2026, 0, 2))).toBe(3);
  });

  it('handles Feb 29 outside leap years', () => {
    expect(parseBirthdayLabel('Feb 29', new Date(2025, 2, 1))).toBe(366);
  });

  it.each(['', 'Message', 'Happy birthday', 'Célébrez l’anniversaire', 'Foo 12'])('%s → null', (text) => {
    expect(parseBirthdayLabel(text, today)).toBeNull();
  });
});

describe('parseExactBirthdayLabel', () => {
  it('reads a text that is only the label', () => {
    expect(parseExactBirthdayLabel('Today', today)).toBe(0);
    expect(parseExactBirthdayLabel('Aujourd’hui', today)).toBe(0);
    expect(parseExactBirthdayLabel(' il y a 3 jours ', today)).toBe(3);
    expect(parseExactBirthdayLabel('3 days ago', today)).toBe(3);
    expect(parseExactBirthdayLabel('24 oct.', today)).toBe(2);
    expect(parseExactBirthdayLabel('Oct 24', today)).toBe(2);
  });

  it('ignores longer texts that merely mention one', () => {
    expect(parseExactBirthdayLabel('Host of the Today show', today)).toBeNull();
    expect(parseExactBirthdayLabel('Engineer since Oct 24', today)).toBeNull();
  });
});

describe('parseInvitationAge', () => {
  it.each([
    ['Sent today', 0],
    ['Envoyée aujourd’hui', 0],
    ["aujourd'hui", 0],
    ['Sent yesterday', 1],
    ['Envoyée hier', 1],
    ['Sent 5 minutes ago', 0],
    ['Sent 3 hours ago', 0],
    ['Sent 1 day ago', 1],
    ['Sent 3 days ago', 3],
    ['1 week ago', 7],
    ['Sent a week ago', 7],
    ['Sent 3 weeks ago', 21],
    ['2 months ago', 60],
    ['Sent 1 month ago', 30],
    ['Sent 1 year ago', 365],
    ['Envoyée il y a 3 jours', 3],
    ['Envoyée il y a 3 semaines', 21],
    ['Envoyée il y a une semaine', 7],
    ['il y a 2 mois', 60],
    ['Envoyé il y a 1 an', 365],
    ['Sent 3w ago', 21],
    ['3mo', 90],
  ])('%s → %d', (text, days) => {
    expect(parseInvitationAge(text)).toBe(days);
  });

  it.each(['', 'Withdraw', 'Sent a message'])('%s → null', (text) => {
    expect(parseInvitationAge(text)).toBeNull();
  });
});

describe('daysSinceIso', () => {
  it('counts whole days', () => {
    expect(daysSinceIso('2025-10-05T10:00:00Z', new Date('2025-10-26T11:00:00Z'))).toBe(21);
    expect(daysSinceIso('nope')).toBeNull();
  });
});

describe('profile URLs', () => {
  it('extracts the slug', () => {
    expect(slugFromProfileUrl('https://www.linkedin.com/in/jane-doe-123/?miniProfileUrn=x')).toBe(
      'jane-doe-123',
    );
    expect(slugFromProfileUrl('/in/jean-fran%C3%A7ois/')).toBe('jean-françois');
    expect(slugFromProfileUrl('http://127.0.0.1:8090/in/bob')).toBe('bob');
    expect(slugFromProfileUrl('https://www.linkedin.com/company/acme/')).toBeNull();
  });

  it('cleans a profile URL', () => {
    expect(cleanProfileUrl('https://www.linkedin.com/in/jane-doe/?trk=abc#x')).toBe(
      'https://www.linkedin.com/in/jane-doe/',
    );
    expect(cleanProfileUrl('https://www.linkedin.com/in/jane-doe')).toBe(
      'https://www.linkedin.com/in/jane-doe/',
    );
    expect(cleanProfileUrl('https://www.linkedin.com/in/jane-doe//')).toBe(
      'https://www.linkedin.com/in/jane-doe/',
    );
    expect(cleanProfileUrl('/in/bob?x=1', 'http://127.0.0.1:8090')).toBe('http://127.0.0.1:8090/in/bob/');
  });
});
