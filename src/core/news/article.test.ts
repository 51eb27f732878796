import { describe, expect, it } from 'vitest';
import { readArticle } from './article.js';

const people = (text: string) => readArticle(text).people.map((p) => ({ names: p.names, role: p.role, country: p.country, quotes: p.quotes }));
const mentions = (text: string) => readArticle(text).mentions.map((m) => `${m.type}:${m.text}`);

describe('readArticle', () => {
  it('cuts a name from the role written before it, capitalized or not, and reads the country the role gives', () => {
    expect(people('U.S. Deputy Secretary of State Antony Blinken spoke. Chinese foreign ministry spokesman Lu Kang answered.')).toEqual([
      { names: ['Antony Blinken'], role: 'U.S. Deputy Secretary of State', country: 'US', quotes: [] },
      { names: ['Lu Kang'], role: 'Chinese foreign ministry spokesman', country: 'CN', quotes: [] },
    ]);
    expect(people('But North Korean leader Kim Jong-un said nothing.')[0]).toMatchObject({ names: ['Kim Jong-un'], role: 'North Korean leader', country: 'KP' });
    // A role written after the name, between commas.
    expect(people('Lim Seong-nam, South Korea\'s vice foreign minister, arrived.')[0]).toMatchObject({ names: ['Lim Seong-nam'], role: "South Korea's vice foreign minister", country: 'KR' });
  });

  it('keeps a Korean surname that follows a title: Minister Son Kyong-sik is not Minister Son', () => {
    expect(people('Minister Son Kyong-sik met them.')[0]).toMatchObject({ names: ['Son Kyong-sik'], role: 'Minister' });
  });

  it('drops honorifics and possessives, and gathers one person named several ways', () => {
    const text = 'Foreign Minister Taro Kono\'s comments came first. Deputy Secretary Antony Blinken agreed. Later Tony Blinken left, and Mr. Kono stayed. Blinken said so.';
    const read = readArticle(text);
    expect(read.people.map((p) => p.names)).toEqual([['Taro Kono', 'Kono'], ['Antony Blinken', 'Tony Blinken', 'Blinken']]);
    const kono = read.mentions.find((m) => m.text === 'Taro Kono')!;
    expect(text.slice(kono.start, kono.end)).toBe('Taro Kono');
  });

  it('tells one Korean person written with a hyphen, spaced or joined, and reads a surname alone as the latest person of it', () => {
    const read = readArticle('Leader Kim Jong-un spoke. Kim Jong Un left; KimJong later. Then Lim Seong-nam came, and Lim said so.');
    expect(read.people.map((p) => p.names)).toEqual([['Kim Jong-un', 'Kim Jong Un'], ['Lim Seong-nam', 'Lim']]);
  });

  it('splits places joined by "and", keeps organizations whole, and is not fooled by words that open sentences', () => {
    expect(mentions('Seoul, Washington and Tokyo agreed. Following the meeting, the Bank of East Land and the Korea Mining Development Trading Corporation were named.')).toEqual([
      'Place:Seoul', 'Place:Washington', 'Place:Tokyo', 'Organization:Bank of East Land', 'Organization:Korea Mining Development Trading Corporation',
    ]);
  });

  it('reads a ship after a ship\'s word, with its number', () => {
    expect(mentions('The tanker Chon Myong 1 loaded oil at Nampo.')).toEqual(['Vessel:Chon Myong 1', 'Place:Nampo']);
  });

  it('attributes a quote to its speaker: after it, before it, by a pronoun, and for a quote that goes on', () => {
    const text = [
      '"We will not accept it. Period," U.S. Deputy Secretary of State Antony Blinken said.',
      '“We need to respond differently," Japanese Vice Foreign Minister Shinsuke Sugiyama said. "The three nations have exchanged ideas."',
      'Mr. Blinken later told reporters that talks were “not off the table”.',
      '“I am aware that some people argue otherwise,” he said.',
      '“Frankly I think this view is just too naive.”',
      '“The allies had a rally,” a high-ranking official said.',
    ].join('\n\n');
    const read = readArticle(text);
    expect(read.quotes.map((q) => [q.text.slice(0, 20), q.speaker === null ? null : read.people[q.speaker]!.names[0]])).toEqual([
      ['We will not accept i', 'Antony Blinken'],
      ['We need to respond d', 'Shinsuke Sugiyama'],
      ['The three nations ha', 'Shinsuke Sugiyama'],
      ['not off the table', 'Antony Blinken'],
      ['I am aware that some', 'Antony Blinken'],
      ['Frankly I think this', 'Antony Blinken'],
      ['The allies had a ral', null],
    ]);
  });

  it('leaves to the reader what the rules cannot type, and drops it when the reader does', () => {
    const text = 'Chongryon and 김정은 were named.';
    expect(mentions(text)).toEqual([]);
    const decided = readArticle(text, (c) => ({ type: c.text === 'Chongryon' ? 'Organization' : 'Person', why: 'list' }));
    expect(decided.mentions.map((m) => `${m.type}:${m.text}:${m.why}`)).toEqual(['Organization:Chongryon:list', 'Person:김정은:list']);
    expect(decided.people[0]!.names).toEqual(['김정은']);
  });
});
