/**
 * The scoring model's numbers in one table: what each kind of word pair is worth, how unpaired
 * words and word order lower a name's score, and what qualifiers take off or add. The scorer
 * (align.ts, score.ts, prepare.ts) and the candidate index's bounds read them from here, so
 * the index finds every entity the scorer can put at or above a cutoff. Each number carries its
 * reason; figures are from `npm run eval` (docs/evaluation.md).
 */
export const SCORING = {
  /** What a pair of words is worth, by how they were matched. */
  pair: {
    /** The same spelling. */
    exact: 1,
    /** The same Korean syllable key (Jong, Jeong, Chong): one name under two romanizations. */
    korean: 0.95,
    /** A familiar form of a given name (Bob, Robert; Sasha, Alexander): one name, a little less sure than a spelling. */
    familiar: 0.9,
    /** Equal once transliteration families are folded (Alexandrovich, Aleksandrovich). */
    transliteration: 0.9,
    /** A word written without vowels (from Arabic script) against one with the same consonants (mhmd, Mohammed). */
    consonants: 0.85,
    /** The same, on two consonants only (syd, Sayed): more names share them. */
    shortConsonants: 0.7,
    /** Four consonants or more in order, vowels apart (Suleimani, Solaymani). */
    vowelVariant: 0.8,
    /** A pair of words against one word written together (Jong Un, Jongun): a hair below the words apart. */
    joined: 0.98,
    /** Two letters swapped or one doubled in a word of up to four letters (Un, Nu; Il, Ill): the typo, kept a candidate (an edit there is worth less than the minimum). */
    shortTypo: 0.7,
    /** A given name written as its initial against a word of that first letter (R., Ramzan): likely, not sure. */
    initial: 0.75,
    /** A listed name's initial against a query's word of that letter: less, as lists abbreviate the names they know least (a grandfather's). */
    listedInitial: 0.6,
    /** Two words an ending apart that mark a person's sex (Aleksandr, Aleksandra; Camilo, Camila): another person, never paired. */
    otherSex: 0,
    /** The lowest similarity at which two words may be paired (below it, Jong/Song-like near misses). */
    minimum: 0.5,
  },
  /** How a name's unpaired words weigh against the paired ones (as multiples of their weight). */
  unpaired: {
    /** A query word left over (another surname, another given name) says most against identity: double. */
    query: 2,
    /** A listed person's word left over (lists carry fuller names, fathers' names, titles): half. */
    candidate: 0.5,
    /** A listed organization's distinctive word left over (Melli University is not any university): in full. */
    organization: 1,
    /** Both names keeping distinctive words of their own disagree: the smaller leftover counts once more. */
    conflict: 1,
  },
  /**
   * What word order takes off a name's score, where it says who someone is. Each factor puts a
   * name whose words all agree otherwise below the default threshold (0.75).
   */
  order: {
    /** Three words or more in another order than a rotation (a surname moved to the other end): another person's chain of names (Hussein Mohammed Ali, Ali Mohammed Hussein). */
    reordered: 0.6,
    /** A Korean given name's syllables swapped: another name (Yong Chol, Chol Yong; 김민정, 김정민). */
    syllablesSwapped: 0.6,
    /** Two syllables of a three-syllable Korean name agreeing, one of each left over: a namesake (Kim Jong Nam, Kim Yong Nam). */
    koreanNamesake: 0.75,
  },
  /** Two organizations each keeping a word of what they do that the other lacks (Development Bank, Trading Bank): two businesses. */
  descriptorsDiffer: 0.75,
  /** What a person's initial weighs against a word (an initial says little of who someone is). */
  initialWeight: 0.3,
  /**
   * A country written out in an organization's name (of the DPRK, of North Korea): never a
   * match alone, as a generic word, but heavier, so that a listed name's country left over
   * counts (Central Bank of the Russian Federation is not any central bank).
   */
  countryWeight: 0.5,
  /** Legal forms and generic words (Co., Ltd, Trading) weigh a tenth of a word, and never make a match alone. */
  genericWeight: 0.1,
  /** A listed surname (OFAC, Canada say which words) left unpaired while the query keeps a word of its own: another family's member. */
  surnameUnpaired: 0.7,
  /** Numbers in names must agree: both sides numbered differently (VESSEL 1, VESSEL 2), or one side only. */
  numbers: { differ: 0.5, oneSide: 0.8 },
  /** An organization found by its initials (or its listed acronym) alone: shown for review, never an alert by itself. */
  initials: 0.7,
  /** Qualifiers: subtracted from (or added to) the name score. */
  qualifiers: {
    yearsDisjoint: 0.2,
    yearsOneApart: 0.1,
    sameYearOtherDay: 0.08,
    dayAndMonthSwapped: 0.03,
    countriesDisjoint: 0.1,
    genderDiffers: 0.15,
    /** An equal identifier (passport, IMO, registration number) decides. */
    identifierEqual: 1,
    imoDiffers: 0.3,
  },
} as const;
