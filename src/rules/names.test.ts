import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../config/defaultTemplates.ts';
import { cleanDisplayName, fillTemplate, firstNameOf } from './names.ts';

describe('firstNameOf', () => {
  it.each([
    ['Marie Curie', 'Marie'],
    ['Marie', 'Marie'],
    ['  Marie   Curie  ', 'Marie'],
    ['Jean-Pierre Dupont', 'Jean-Pierre'],
    ['Zoé Martin', 'Zoé'],
    ['Émilie Durand', 'Émilie'],
    ['François-Xavier de la Tour', 'François-Xavier'],
    ["D'Arcy O'Neil", "D'Arcy"],
    ['marie curie', 'marie'],
    ['Julian LOPEZ VARELA', 'Julian'],
  ])('keeps names as written: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });

  it.each([
    ['ZOÉ MARTIN', 'Zoé'],
    ['JULIAN LOPEZ VARELA', 'Julian'],
    ['JEAN-PIERRE DUPONT', 'Jean-Pierre'],
    ["D'ARCY O'NEIL", "D'Arcy"],
    ['🔥 NICOLAS R. 🚀', 'Nicolas'],
  ])('writes a first name in capitals in normal case: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });

  it.each([
    ['🔥 Nicolas R. 🚀', 'Nicolas'],
    ['🎂 Dr Anne-Sophie MARTIN ✨', 'Anne-Sophie'],
  ])('drops emoji around the name: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });

  it.each([
    ['Dr Marie Curie', 'Marie'],
    ['Dr. Marie Curie', 'Marie'],
    ['dr. marie curie', 'marie'],
    ['Mr John Smith', 'John'],
    ['Mrs. Jane Doe', 'Jane'],
    ['Ms Jane Doe', 'Jane'],
    ['Mme Simone Veil', 'Simone'],
    ['Mlle Zoé Martin', 'Zoé'],
    ['M. Jean Dupont', 'Jean'],
    ['Prof. Albert Einstein', 'Albert'],
    ['Prof Albert Einstein', 'Albert'],
    ['Pr Marie Curie', 'Marie'],
    ['Pr. Marie Curie', 'Marie'],
    ['Me Éric Dupond-Moretti', 'Éric'],
    ['Ing. Juan Pérez', 'Juan'],
    ['Dr.-Ing. Klaus Müller', 'Klaus'],
    ['Dr.med. Anna Schmidt', 'Anna'],
    ['Prof. Dr. Hans Meyer', 'Hans'],
    ['Sir Tim Berners-Lee', 'Tim'],
  ])('drops titles: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });

  it.each([
    ['Alan Turing PhD', 'Alan'],
    ['Alan Turing, PhD', 'Alan'],
    ['Alan, PhD', 'Alan'],
    ['Jane Doe, MBA, CPA', 'Jane'],
    ['Martin Luther King Jr.', 'Martin'],
    ['John Smith Sr', 'John'],
    ['Ada Lovelace (she/her)', 'Ada'],
    ['Ada (she/her) Lovelace', 'Ada'],
    ['(he/him) Bob Martin', 'Bob'],
    ['Grace Hopper | Rear Admiral', 'Grace'],
    ['Grace | Navy', 'Grace'],
    ['Linus Torvalds • Linux', 'Linus'],
    ['Jean Dupont [recruiting]', 'Jean'],
  ])('drops suffixes and what follows a comma or pipe: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });

  it.each([
    ['Zoé Martin 🎉', 'Zoé'],
    ['🎉 Zoé Martin', 'Zoé'],
    ['Zoé🌸 Martin', 'Zoé'],
    ['👩🏽‍💻 Ada Lovelace', 'Ada'],
    ['Marie ❤️ Curie', 'Marie'],
    ['Paul 🇫🇷 Martin', 'Paul'],
    ['★ Marie Curie ★', 'Marie'],
    ['Dr. 🎓 Marie Curie, PhD (she/her)', 'Marie'],
  ])('removes emoji and symbols: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });

  it.each([
    ['J. Robert Oppenheimer', 'Robert'],
    ['J Robert Oppenheimer', 'Robert'],
    ['"Bob" Smith', 'Bob'],
    ['Dr', 'Dr'],
    ['Prof', 'Prof'],
    ['Med Amine', 'Med'],
    ['Ma Yun', 'Ma'],
    ['王小明', '王小明'],
    ['', ''],
    ['   ', ''],
    ['🎉🎂', ''],
    ['(she/her)', ''],
    [', PhD', ''],
  ])('edge cases: %j → %j', (input, expected) => {
    expect(firstNameOf(input)).toBe(expected);
  });
});

describe('cleanDisplayName', () => {
  it('keeps the name part of a display name', () => {
    expect(cleanDisplayName('Dr. Marie Curie, PhD 🎓 (she/her)')).toBe('Dr. Marie Curie');
    expect(cleanDisplayName('Grace Hopper | Navy')).toBe('Grace Hopper');
    expect(cleanDisplayName('  Jean   Dupont ')).toBe('Jean Dupont');
  });
});

describe('fillTemplate', () => {
  const values = { first_name: 'Marie', name: 'Marie Curie', days_late: 3 };

  it('replaces every placeholder, each time it occurs', () => {
    expect(fillTemplate('Joyeux anniversaire {first_name} !', values)).toBe('Joyeux anniversaire Marie !');
    expect(fillTemplate('{name}, {first_name}, {days_late} jours', values)).toBe(
      'Marie Curie, Marie, 3 jours',
    );
    expect(fillTemplate('{first_name} {first_name}', values)).toBe('Marie Marie');
    expect(fillTemplate('{days_late}', { ...values, days_late: 0 })).toBe('0');
  });

  it('leaves unknown placeholders and braces alone', () => {
    expect(fillTemplate('Hi {prenom} {first_name} {} {{first_name}}', values)).toBe(
      'Hi {prenom} Marie {} {Marie}',
    );
  });

  it('keeps the template exactly apart from the placeholders', () => {
    const template = 'Bon anniversaire  {first_name} !\nBelle année 🎂';
    expect(fillTemplate(template, values)).toBe('Bon anniversaire  Marie !\nBelle année 🎂');
    expect(fillTemplate('No placeholder', values)).toBe('No placeholder');
  });

  it('does not leave a double space when a value is empty', () => {
    const empty = { ...values, first_name: '' };
    expect(fillTemplate('Joyeux anniversaire {first_name} !', empty)).toBe('Joyeux anniversaire !');
    expect(fillTemplate('Happy birthday {first_name}!', empty)).toBe('Happy birthday!');
    expect(fillTemplate('{first_name} happy birthday', empty)).toBe('happy birthday');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(fillTemplate('Hi {first_name}', { ...values, first_name: "$& $1 $'" })).toBe("Hi $& $1 $'");
  });

  it('fills every default template without leftovers', () => {
    for (const template of [...DEFAULT_TEMPLATES.today, ...DEFAULT_TEMPLATES.late]) {
      const text = fillTemplate(template, values);
      expect(text).toContain('Marie');
      expect(text).not.toMatch(/\{[a-z_]+\}/);
    }
  });
});
