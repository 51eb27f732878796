import { LEGAL_FORM_NAMES, NICKNAME_PAIRS } from './reference-tables.js';

/**
 * Variants that no spelling rule finds: familiar forms of given names (Bob is Robert, Sasha is
 * Alexander) and legal forms written out (Aktiengesellschaft is AG, Open Joint Stock Company is
 * OAO). English given names come from the reference table; other languages' familiar forms,
 * and the English readings of Russian legal forms, are listed here.
 */

/** Familiar forms in other languages than English: formal name, familiar forms. */
const OTHER_FAMILIAR_FORMS: Record<string, string[]> = {
  alexander: ['sasha', 'sanya', 'shura', 'sascha'],
  aleksandr: ['sasha', 'sanya', 'shura'],
  alexandr: ['sasha', 'sanya', 'shura'],
  alexandra: ['sasha', 'sanya', 'shura'],
  aleksei: ['alyosha', 'lyosha', 'lesha'],
  alexei: ['alyosha', 'lyosha', 'lesha'],
  alexey: ['alyosha', 'lyosha', 'lesha'],
  anatoly: ['tolya'],
  anatoliy: ['tolya'],
  dmitry: ['dima', 'mitya'],
  dmitri: ['dima', 'mitya'],
  dmitriy: ['dima', 'mitya'],
  evgeny: ['zhenya'],
  yevgeny: ['zhenya'],
  yevgeniy: ['zhenya'],
  grigory: ['grisha'],
  ivan: ['vanya'],
  mikhail: ['misha'],
  nikolai: ['kolya'],
  nikolay: ['kolya'],
  pavel: ['pasha'],
  pyotr: ['petya'],
  sergei: ['seryozha', 'serezha'],
  sergey: ['seryozha', 'serezha'],
  vladimir: ['volodya', 'vova'],
  vyacheslav: ['slava'],
  yuri: ['yura'],
  yuriy: ['yura'],
  ekaterina: ['katya'],
  yekaterina: ['katya'],
  elena: ['lena'],
  yelena: ['lena'],
  maria: ['masha'],
  natalia: ['natasha'],
  natalya: ['natasha'],
  olga: ['olya'],
  tatiana: ['tanya'],
  tatyana: ['tanya'],
  jose: ['pepe', 'chepe'],
  francisco: ['paco', 'pancho', 'curro', 'kiko'],
  ignacio: ['nacho'],
  guadalupe: ['lupe'],
  jesus: ['chucho', 'chuy'],
  guillermo: ['memo'],
  alberto: ['beto'],
  roberto: ['beto'],
  eduardo: ['lalo'],
  enrique: ['kike'],
  manuel: ['manolo', 'manu'],
  rosario: ['chayo'],
  concepcion: ['concha', 'conchita'],
  dolores: ['lola'],
  giuseppe: ['peppe', 'beppe', 'pino'],
  giovanni: ['gianni', 'nanni'],
  mohammed: ['hamoudi'],
  viktor: ['vitya'],
  victor: ['vitya'],
  gennady: ['gena'],
  gennadiy: ['gena'],
  valentina: ['valya'],
  valentin: ['valya'],
  svetlana: ['sveta'],
  antonio: ['tono'],
  boris: ['borya'],
  konstantin: ['kostya'],
  leonid: ['lyonya'],
  stanislav: ['stas'],
  lyudmila: ['lyuda'],
  galina: ['galya'],
  roman: ['roma'],
  arkady: ['arkasha'],
  andrei: ['andryusha'],
  andrey: ['andryusha'],
  muhammad: ['hamoudi'],
};

/**
 * One given name in Russian and in Belarusian and Ukrainian (the lists carry all three for
 * people of Belarus and Ukraine: Aleksandr, Aliaksandr, Oleksandr; Sergei, Siarhei, Serhii), as
 * the official romanizations write them: the Russian spellings first, then the others.
 */
const NATIONAL_FORMS: string[][] = [
  ['aleksandr', 'alexander', 'alexandr', 'aliaksandr', 'alyaksandr', 'aliaksandar', 'oleksandr', 'olexandr', 'oleksander'],
  ['aleksandra', 'alexandra', 'aliaksandra', 'alyaksandra', 'oleksandra'],
  ['aleksei', 'alexei', 'alexey', 'aleksey', 'aliaksei', 'alyaksei', 'oleksii', 'oleksiy', 'olexiy'],
  ['sergei', 'sergey', 'siarhei', 'siarhiej', 'serhii', 'serhiy', 'sergii'],
  ['vladimir', 'uladzimir', 'volodymyr'],
  ['nikolai', 'nikolay', 'mikalai', 'mykola'],
  ['gennady', 'gennadiy', 'gennadi', 'henadz', 'hienadz', 'hennadii', 'hennadiy'],
  ['viktor', 'victor', 'viktar'],
  ['roman', 'raman'],
  ['svetlana', 'sviatlana', 'svitlana'],
  ['valentina', 'valiantsina', 'valyantsina'],
  ['tatyana', 'tatiana', 'tatsiana', 'tatsyana', 'tetiana', 'tetyana'],
  ['natalya', 'natalia', 'natallia', 'nataliia'],
  ['olga', 'volha', 'olha'],
  ['yevgeny', 'evgeny', 'yevgeniy', 'evgeniy', 'yauhen', 'yauheni', 'yevhen', 'yevhenii', 'yevheniy'],
  ['grigory', 'grigoriy', 'ryhor', 'hryhorii', 'hryhoriy'],
  ['dmitry', 'dmitri', 'dmitriy', 'dzmitry', 'dzmitryi', 'dmytro'],
  ['igor', 'ihar', 'ihor'],
  ['oleg', 'aleh', 'oleh'],
  ['boris', 'barys'],
  ['artyom', 'artem', 'artsiom'],
  ['semyon', 'semen', 'siamion'],
  ['yuri', 'yuriy', 'yury', 'yurii'],
  ['andrei', 'andrey', 'andrii', 'andriy'],
  ['pyotr', 'petr', 'piotr', 'piatro', 'petro'],
  ['mikhail', 'mykhailo', 'mikhas'],
  ['vasily', 'vasiliy', 'vasili', 'vasil', 'vasyl'],
  ['leonid', 'leanid'],
  ['konstantin', 'kanstantsin', 'kostiantyn', 'kostyantyn'],
  ['anatoly', 'anatoliy', 'anatol', 'anatolii'],
  ['vyacheslav', 'viachaslau', 'viacheslav', 'vyacheslau'],
  ['vladislav', 'uladzislau', 'vladyslav'],
  ['stanislav', 'stanislau'],
  ['yaroslav', 'yaraslau'],
  ['yelena', 'elena', 'alena', 'aliena', 'olena'],
  ['irina', 'iryna'],
  ['lyudmila', 'liudmila', 'liudmyla', 'lyudmyla'],
  ['pavel', 'pavlo', 'paval'],
  ['fyodor', 'fedor', 'fiodar', 'fedir'],
  ['maksim', 'maxim', 'maksym'],
  ['kirill', 'kiryl', 'kyrylo'],
  ['mariya', 'maria', 'maryia', 'mariia'],
];

/** The formal names each word is, or is a familiar form of. */
const FORMAL = new Map<string, string[]>();
function relate(formal: string, familiar: string): void {
  for (const [word, name] of [[formal, formal], [familiar, formal]] as const) {
    const names = FORMAL.get(word);
    if (!names) FORMAL.set(word, [name]);
    else if (!names.includes(name)) names.push(name);
  }
}
// Familiar forms that are names of their own in the lists' other languages (Ali, Abe, Ira), or
// too short to say anything (Al, also the Arabic article; Ed, Mo), are left out.
const NOT_FAMILIAR = new Set(['ali', 'abe', 'ira']);
for (const [formal, familiar] of NICKNAME_PAIRS) if (familiar.length > 2 && !NOT_FAMILIAR.has(familiar)) relate(formal, familiar);
for (const [formal, familiars] of Object.entries(OTHER_FAMILIAR_FORMS)) for (const familiar of familiars) relate(formal, familiar);
for (const [formal, ...others] of NATIONAL_FORMS) for (const other of others) relate(formal!, other);

const NONE: readonly string[] = [];

/**
 * The formal given names a word stands for: itself when it is one, and those it is a familiar
 * form of (Bob: Robert; Bill: William and Robert). Two words are familiar forms of one name
 * when these share a name: Bob and Robert, Bob and Bobby; not Aaron and Ronald, though Ron is
 * short for both.
 */
export function formalNames(word: string): readonly string[] {
  return FORMAL.get(word) ?? NONE;
}

/** Whether one word is a familiar form of the other, or both of one name (see `formalNames`). */
export function familiarForms(a: string, b: string): boolean {
  if (a === b) return false;
  const mine = FORMAL.get(a);
  if (!mine) return false;
  const theirs = FORMAL.get(b);
  if (!theirs) return false;
  for (const name of mine) if (theirs.includes(name)) return true;
  return false;
}

/** Legal forms written out in English, and Russian ones transliterated, with the abbreviation of each; and abbreviations of one form. */
const OTHER_LEGAL_FORMS: [string, string][] = [
  ['open joint stock company', 'oao'],
  ['open joint stock co', 'oao'],
  ['ojsc', 'oao'],
  ['closed joint stock company', 'zao'],
  ['closed joint stock co', 'zao'],
  ['cjsc', 'zao'],
  ['public joint stock company', 'pao'],
  ['public joint stock co', 'pao'],
  ['pjsc', 'pao'],
  ['joint stock company', 'ao'],
  ['joint stock co', 'ao'],
  ['jsc', 'ao'],
  ['otkrytoye aktsionernoye obshchestvo', 'oao'],
  ['otkrytoe aktsionernoe obshchestvo', 'oao'],
  ['zakrytoye aktsionernoye obshchestvo', 'zao'],
  ['zakrytoe aktsionernoe obshchestvo', 'zao'],
  ['publichnoye aktsionernoye obshchestvo', 'pao'],
  ['publichnoe aktsionernoe obshchestvo', 'pao'],
  ['aktsionernoye obshchestvo', 'ao'],
  ['aktsionernoe obshchestvo', 'ao'],
  ['obshchestvo s ogranichennoy otvetstvennostyu', 'llc'],
  ['obshchestvo s ogranichennoi otvetstvennostiu', 'llc'],
  ['limited liability company', 'llc'],
  ['ooo', 'llc'],
  ['tov', 'llc'],
  ['kabushiki kaisha', 'kk'],
  ['kabushiki gaisha', 'kk'],
  ['jusik hoesa', 'co'],
  ['jusikhoesa', 'co'],
  ['chusik hoesa', 'co'],
  ['yuhan hoesa', 'co'],
  ['yuhanhoesa', 'co'],
  ['youxian gongsi', 'co'],
  ['youxiangongsi', 'co'],
  ['gufen youxian gongsi', 'co'],
  ['obschestvo s ogranichennoi otvetstvennostyu', 'llc'],
  ['obshchestvo s ogranichennoi otvetstvennostyu', 'llc'],
  ['obshchestvo s ogranichennoy otvetstvennostiu', 'llc'],
  ['cong ty trach nhiem huu han', 'ltd'],
  ['cong ty tnhh', 'ltd'],
  ['cong ty co phan', 'jsc'],
  ['sociedad de responsabilidad limitada de capital variable', 'srl'],
  ['s de rl de cv', 'srl'],
  ['srl de cv', 'srl'],
  ['sa de cv', 'sa'],
  ['company limited', 'ltd'],
  // Private limited companies (Singapore's Pte. Ltd., India's Pvt. Ltd.): a Ltd. as any other.
  ['private limited', 'ltd'],
  ['private ltd', 'ltd'],
  ['pte ltd', 'ltd'],
  ['pvt ltd', 'ltd'],
  ['sociedad anonima de capital variable', 'sa'],
  // Belarusian: adkrytae akcyjanernae tavarystva (ААТ), the OAO of Belarus.
  ['aat', 'oao'],
  ['adkrytae akcyyanernae tavarystva', 'oao'],
  // Abbreviations of generic words, written out (Korea Samma SHPG Co: Shipping).
  ['shpg', 'shipping'],
  ['intl', 'international'],
  ['mgmt', 'management'],
  ['mfg', 'manufacturing'],
  ['co ltd', 'ltd'],
  ['limited', 'ltd'],
];

/** Phrases by their first word: each phrase's words and the word it becomes, longest first (the first given of two alike is kept). */
type PhraseTable = Map<string, { words: string[]; word: string }[]>;

function phraseTable(entries: readonly (readonly [string, string])[]): PhraseTable {
  const table: PhraseTable = new Map();
  for (const [phrase, word] of entries) {
    const words = phrase.split(' ');
    const list = table.get(words[0]!) ?? [];
    if (list.some((entry) => entry.words.join(' ') === phrase)) continue;
    list.push({ words, word });
    list.sort((x, y) => y.words.length - x.words.length);
    table.set(words[0]!, list);
  }
  return table;
}

/** Words with each phrase of the table replaced by its word, the longest first; `drop` is left out before one (an article). */
function replacePhrases(words: string[], table: PhraseTable, drop?: string): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const entry = table.get(words[i]!)?.find((e) => e.words.every((word, k) => words[i + k] === word));
    if (!entry) {
      out?.push(words[i]!);
      continue;
    }
    out ??= words.slice(0, i);
    if (drop !== undefined && out.at(-1) === drop) out.pop();
    out.push(entry.word);
    i += entry.words.length - 1;
  }
  return out ?? words;
}

const FORMS = phraseTable([...OTHER_LEGAL_FORMS, ...LEGAL_FORM_NAMES]);

/**
 * The abbreviations written here for legal forms, which are legal forms wherever they stand. The
 * ISO 20275 abbreviations are not: many are words and names elsewhere (Son, Sam, LG, KB); a
 * written-out form becomes its abbreviation, which meets the same abbreviation as a word.
 */
export const LEGAL_FORM_ABBREVIATIONS: ReadonlySet<string> = new Set(OTHER_LEGAL_FORMS.map(([, abbreviation]) => abbreviation));

/**
 * An organization's words with each legal form written out replaced by its abbreviation
 * (rheinmetall aktiengesellschaft → rheinmetall ag; rosneft oil company open joint stock
 * company → rosneft oil company oao), the longest form first.
 */
export function legalFormsAbbreviated(words: string[]): string[] {
  const out = replacePhrases(words, FORMS);
  return out.some((word) => GENERIC_FORMS.has(word)) ? out.map((word) => GENERIC_FORMS.get(word) ?? word) : out;
}

/**
 * Generic words of a business written in full, in the plural or as another part of speech, as
 * the one form they are compared in (Crown Auto Trading, Crown Auto Trade; Aliaf Company, Aliaf Co.).
 */
const GENERIC_FORMS = new Map([
  ['company', 'co'],
  ['companies', 'co'],
  ['corporation', 'corp'],
  ['incorporated', 'inc'],
  ['trading', 'trade'],
  ['holdings', 'holding'],
  ['industries', 'industry'],
  ['enterprises', 'enterprise'],
  ['services', 'service'],
  ['technologies', 'technology'],
]);

/**
 * Countries written out in an organization's name, as one word (Foreign Trade Bank of the
 * Democratic People's Republic of Korea, of North Korea, of the DPRK: one bank). The word weighs
 * as a generic one, and two names keeping different countries disagree (see the scorer).
 */
const COUNTRY_NAMES: [string, string][] = [
  ['democratic peoples republic of korea', 'dprk'],
  ['democratic people s republic of korea', 'dprk'],
  ['korea democratic peoples republic of', 'dprk'],
  ['korea democratic peoples republic', 'dprk'],
  ['north korea', 'dprk'],
  ['north koreas', 'dprk'],
  ['north korean', 'dprk'],
  ['korea north', 'dprk'],
  ['korea dpr', 'dprk'],
  ['dpr korea', 'dprk'],
  ['dpr of korea', 'dprk'],
  ['dprk', 'dprk'],
  ['islamic republic of iran', 'iran'],
  ['iran islamic republic of', 'iran'],
  ['russian federation', 'russia'],
  ['syrian arab republic', 'syria'],
  ['bolivarian republic of venezuela', 'venezuela'],
  ['venezuela bolivarian republic of', 'venezuela'],
];

const COUNTRIES = phraseTable(COUNTRY_NAMES);

/** The one word each country written out becomes. */
export const COUNTRY_WORDS: ReadonlySet<string> = new Set(COUNTRY_NAMES.map(([, word]) => word));

/** An organization's words with each country written out as one word (north korea → dprk), an article before it dropped. */
export function countriesAsOneWord(words: string[]): string[] {
  return replacePhrases(words, COUNTRIES, 'the');
}
