import type { IndexedDoc } from './vocabulary.js';

/**
 * The documents' names as the candidate index's bound reads them, in flat arrays: per name its
 * weight, factor and patronymics and its words' weights. The bound is computed for most
 * documents a query reaches, and reading these through each name's and word's object cost it
 * most of its time.
 */
export interface NameTable {
  /** Document d's names are those in [docNames[d], docNames[d + 1]), in the document's order. */
  docNames: Int32Array;
  /** Name g's words' weights are `wordWeights` in [nameWords[g], nameWords[g + 1]). */
  nameWords: Int32Array;
  nameWeights: Float64Array;
  nameFactors: Float64Array;
  namePatronymics: Int32Array;
  wordWeights: Float64Array;
}

/** The table of the documents' names, once their words' weights (and names' weights) are set. */
export function nameTable(docs: readonly IndexedDoc[]): NameTable {
  let names = 0;
  let words = 0;
  for (const doc of docs) {
    names += doc.entity.names.length;
    for (const name of doc.entity.names) words += name.tokens.length;
  }
  const table: NameTable = {
    docNames: new Int32Array(docs.length + 1),
    nameWords: new Int32Array(names + 1),
    nameWeights: new Float64Array(names),
    nameFactors: new Float64Array(names),
    namePatronymics: new Int32Array(names),
    wordWeights: new Float64Array(words),
  };
  let g = 0;
  let w = 0;
  docs.forEach((doc, d) => {
    table.docNames[d] = g;
    for (const name of doc.entity.names) {
      table.nameWords[g] = w;
      table.nameWeights[g] = name.weight;
      table.nameFactors[g] = name.factor;
      table.namePatronymics[g] = name.patronymic;
      for (const token of name.tokens) table.wordWeights[w++] = token.weight!;
      g++;
    }
  });
  table.docNames[docs.length] = g;
  table.nameWords[g] = w;
  return table;
}
