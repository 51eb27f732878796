import { namedTerms } from '../regime/rules.js';

/**
 * The Harmonized System's chapters with words that name their goods, to read a description
 * given without an HS code: `frozen crab legs` reads as chapter 03 (and 16). A reading is a
 * candidate for an analyst, never a classification: a finding on it is always `review`.
 */
export interface HsChapter {
  chapter: string;
  title: string;
  words: string[];
}

const CHAPTERS: [string, string, string][] = [
  ['01', 'Live animals', 'live animals, cattle, horses, pigs, sheep, goats, poultry, livestock'],
  ['02', 'Meat and edible offal', 'meat, beef, pork, mutton, lamb, chicken meat, offal, bacon, ham'],
  ['03', 'Fish, crustaceans, molluscs and other aquatic invertebrates', 'fish, seafood, crab, crabs, shrimp, shrimps, prawn, prawns, lobster, squid, octopus, clam, clams, mollusc, molluscs, oyster, oysters, scallop, scallops, mussel, mussels, sea cucumber, sea urchin, anchovy, pollock, cod, herring, mackerel, tuna, salmon, eel, abalone, fillet, fillets'],
  ['04', 'Dairy produce, eggs, honey', 'milk, dairy, cheese, butter, yoghurt, yogurt, eggs, honey, cream, whey'],
  ['05', 'Other products of animal origin', 'hair, bristles, feathers, bones, horns, guts, animal products'],
  ['06', 'Live trees and plants, cut flowers', 'flowers, bulbs, live plants, seedlings, cut flowers'],
  ['07', 'Edible vegetables', 'vegetables, potatoes, tomatoes, onions, garlic, cabbage, carrots, mushrooms, beans, peas, lentils, cucumbers'],
  ['08', 'Edible fruit and nuts', 'fruit, fruits, nuts, apples, pears, oranges, bananas, grapes, citrus, walnuts, chestnuts, pine nuts, almonds, berries, dried fruit'],
  ['09', 'Coffee, tea, spices', 'coffee, tea, pepper, spices, cinnamon, ginger, vanilla'],
  ['10', 'Cereals', 'cereals, wheat, rice, maize, corn, barley, oats, sorghum, grain'],
  ['11', 'Milling products, malt, starches', 'flour, malt, starch, meal, groats'],
  ['12', 'Oil seeds, medicinal plants, straw and fodder', 'soybeans, soya beans, seeds, oilseeds, ginseng, medicinal plants, herbs, fodder, hay, seaweed, rapeseed, sesame, groundnuts, peanuts, hops'],
  ['13', 'Lac, gums, resins', 'gum, gums, resin, resins, lac, pectin'],
  ['14', 'Vegetable plaiting materials', 'bamboo, rattan, plaiting'],
  ['15', 'Animal or vegetable fats and oils', 'vegetable oil, cooking oil, palm oil, soybean oil, fats, margarine, lard, fish oil'],
  ['16', 'Preparations of meat, fish or crustaceans', 'sausages, canned meat, canned fish, canned crab, prepared fish, preserved fish, caviar, roe, surimi, fish paste'],
  ['17', 'Sugars and sugar confectionery', 'sugar, confectionery, candy, molasses, sweets'],
  ['18', 'Cocoa and cocoa preparations', 'cocoa, chocolate'],
  ['19', 'Preparations of cereals, flour, starch or milk', 'pasta, noodles, bread, biscuits, cakes, pastry, infant food, cereal preparations'],
  ['20', 'Preparations of vegetables, fruit or nuts', 'jam, juice, fruit juice, canned vegetables, pickles, kimchi, preserved fruit'],
  ['21', 'Miscellaneous edible preparations', 'sauce, sauces, soup, yeast, seasoning, condiments, instant coffee'],
  ['22', 'Beverages, spirits and vinegar', 'beverages, water, beer, wine, spirits, vodka, whisky, soju, liquor, vinegar, alcohol'],
  ['23', 'Residues from the food industries, animal fodder', 'animal feed, fodder, bran, oilcake, pet food, fishmeal'],
  ['24', 'Tobacco', 'tobacco, cigarettes, cigars'],
  ['25', 'Salt, sulphur, earths and stone, plastering materials, lime and cement', 'salt, sulphur, sulfur, stone, sand, gravel, cement, lime, magnesite, magnesia, marble, granite, graphite, quartz, clay, kaolin, talc, gypsum, earths, fluorspar, mica, dolomite'],
  ['26', 'Ores, slag and ash', 'ore, ores, concentrate, concentrates, iron ore, copper ore, zinc ore, lead ore, slag, ash, titanium ore, vanadium ore, molybdenum ore'],
  ['27', 'Mineral fuels, mineral oils and products of their distillation', 'coal, anthracite, lignite, coke, petroleum, crude oil, crude, diesel, gasoline, petrol, kerosene, fuel oil, jet fuel, fuel, oil, gas, lng, lpg, propane, butane, condensate, bitumen, naphtha, lubricants, asphalt'],
  ['28', 'Inorganic chemicals, rare-earth compounds', 'inorganic chemicals, acid, acids, rare earth, rare earths, rare-earth, oxide, hydroxide, chlorine, sodium, cerium, lanthanum, neodymium, yttrium, ammonia, uranium'],
  ['29', 'Organic chemicals', 'organic chemicals, alcohols, methanol, ethanol, benzene, toluene, glycol, acetone'],
  ['30', 'Pharmaceutical products', 'medicine, medicines, pharmaceuticals, drugs, vaccines, antibiotics, bandages, medicaments, tablets'],
  ['31', 'Fertilisers', 'fertiliser, fertilizer, fertilisers, fertilizers, urea, potash, phosphate'],
  ['32', 'Tanning or dyeing extracts, paints, inks', 'paint, paints, varnish, ink, inks, dyes, pigments, putty'],
  ['33', 'Essential oils, perfumery, cosmetics', 'perfume, cosmetics, shampoo, toiletries, essential oils, make-up'],
  ['34', 'Soap, washing preparations, waxes', 'soap, detergent, detergents, wax, candles, polish'],
  ['35', 'Albuminoidal substances, glues, enzymes', 'glue, glues, adhesives, gelatin, enzymes, casein'],
  ['36', 'Explosives, pyrotechnics, matches', 'explosives, fireworks, matches, detonators, fuses, pyrotechnics'],
  ['37', 'Photographic or cinematographic goods', 'photographic film, film, photographic paper'],
  ['38', 'Miscellaneous chemical products', 'insecticide, insecticides, pesticides, herbicides, disinfectants, antifreeze, chemical products, biodiesel, activated carbon'],
  ['39', 'Plastics and articles thereof', 'plastic, plastics, polyethylene, polypropylene, pvc, resin pellets, plastic bags, plastic film'],
  ['40', 'Rubber and articles thereof', 'rubber, tyres, tires, inner tubes, latex, hoses'],
  ['41', 'Raw hides and skins, leather', 'hides, skins, leather'],
  ['42', 'Articles of leather, handbags, travel goods', 'handbags, bags, luggage, suitcases, wallets, belts, saddlery'],
  ['43', 'Furskins and artificial fur', 'fur, furs, furskins, mink'],
  ['44', 'Wood and articles of wood, wood charcoal', 'wood, timber, logs, lumber, plywood, sawn wood, charcoal, wooden, veneer, pallets'],
  ['45', 'Cork', 'cork'],
  ['46', 'Manufactures of straw, basketware', 'basketware, wickerwork, baskets, straw mats'],
  ['47', 'Pulp of wood', 'pulp, wood pulp, waste paper'],
  ['48', 'Paper and paperboard', 'paper, paperboard, cardboard, cartons, tissue, newsprint'],
  ['49', 'Printed books, newspapers, pictures', 'books, newspapers, printed matter, maps, posters, calendars'],
  ['50', 'Silk', 'silk, silk yarn, silk fabric, cocoons'],
  ['51', 'Wool, fine or coarse animal hair', 'wool, woollen, cashmere, yarn of wool'],
  ['52', 'Cotton', 'cotton, cotton yarn, cotton fabric, denim'],
  ['53', 'Other vegetable textile fibres', 'flax, linen, jute, hemp, ramie'],
  ['54', 'Man-made filaments', 'polyester, nylon, filament, synthetic fabric, viscose'],
  ['55', 'Man-made staple fibres', 'staple fibre, staple fibres, acrylic fibre, synthetic fibre'],
  ['56', 'Wadding, felt, nonwovens, twine, cordage, ropes', 'wadding, felt, nonwoven, twine, rope, ropes, cordage, nets, netting'],
  ['57', 'Carpets and other textile floor coverings', 'carpet, carpets, rugs, rug, floor coverings'],
  ['58', 'Special woven fabrics, lace, tapestries, embroidery', 'lace, embroidery, tapestries, velvet, ribbons'],
  ['59', 'Impregnated, coated or laminated textile fabrics', 'coated fabric, tarpaulin, canvas, conveyor belts of textile'],
  ['60', 'Knitted or crocheted fabrics', 'knitted fabric, knit fabric, crocheted fabric'],
  ['61', 'Apparel, knitted or crocheted', 'knitted apparel, sweaters, pullovers, t-shirts, jerseys, socks, hosiery, knitwear'],
  ['62', 'Apparel, not knitted or crocheted', 'apparel, garments, clothing, clothes, shirts, jackets, trousers, suits, coats, dresses, overcoats, uniforms, blouses, skirts'],
  ['63', 'Other made up textile articles, worn clothing', 'blankets, bed linen, towels, curtains, sacks, tents, sails, worn clothing, used clothing, textile articles'],
  ['64', 'Footwear', 'shoes, footwear, boots, sandals, sneakers'],
  ['65', 'Headgear', 'hats, caps, headgear, helmets'],
  ['66', 'Umbrellas, walking sticks', 'umbrellas, walking sticks, parasols'],
  ['67', 'Prepared feathers, artificial flowers, wigs', 'wigs, false eyelashes, eyelashes, artificial flowers, human hair'],
  ['68', 'Articles of stone, plaster, cement, asbestos', 'millstones, grindstones, abrasives, asbestos, articles of stone, mineral wool'],
  ['69', 'Ceramic products', 'ceramic, ceramics, porcelain, tiles, bricks, tableware, sanitary ware'],
  ['70', 'Glass and glassware', 'glass, glassware, bottles, mirrors, lead crystal, fibreglass'],
  ['71', 'Pearls, precious stones, precious metals, jewellery', 'gold, silver, platinum, pearls, diamonds, gems, precious stones, jewellery, jewelry, bullion, precious metal'],
  ['72', 'Iron and steel', 'iron, steel, pig iron, ferro-alloys, ferroalloys, scrap, billets, ingots, steel plate, steel coil, steel bars, rebar, stainless steel, ferrous'],
  ['73', 'Articles of iron or steel', 'pipes, tubes, steel pipes, containers, tanks, screws, bolts, nuts, chains, nails, springs, steel structures, wire'],
  ['74', 'Copper and articles thereof', 'copper, copper cathodes, copper wire, brass, bronze'],
  ['75', 'Nickel and articles thereof', 'nickel'],
  ['76', 'Aluminium and articles thereof', 'aluminium, aluminum'],
  ['78', 'Lead and articles thereof', 'lead, lead ingots'],
  ['79', 'Zinc and articles thereof', 'zinc, zinc ingots'],
  ['80', 'Tin and articles thereof', 'tin'],
  ['81', 'Other base metals, cermets', 'tungsten, molybdenum, tantalum, magnesium, cobalt, titanium, antimony, manganese, chromium, bismuth'],
  ['82', 'Tools, cutlery of base metal', 'tools, hand tools, knives, cutlery, spanners, drills, saws, blades'],
  ['83', 'Miscellaneous articles of base metal', 'locks, padlocks, hinges, fittings, safes, base metal articles'],
  ['84', 'Machinery, mechanical appliances, nuclear reactors, boilers', 'machinery, machine, machines, engine, engines, pumps, compressors, turbines, boilers, excavators, bulldozers, cranes, tractors, computers, printers, generators, lathes, valves, bearings, industrial machinery, machine tools, centrifuges, reactors, air conditioners, refrigerators'],
  ['85', 'Electrical machinery and equipment', 'electrical, electric, electronics, electronic, motors, transformers, batteries, cables, telephones, phones, mobile phones, televisions, radios, semiconductors, integrated circuits, chips, lamps, wires, generators, switches, solar panels'],
  ['86', 'Railway or tramway locomotives and rolling stock', 'locomotives, locomotive, railway, rail cars, wagons, rolling stock, tramway'],
  ['87', 'Vehicles other than railway', 'vehicles, vehicle, cars, car, trucks, truck, lorries, buses, tractors, motorcycles, trailers, automobiles, suvs, spare parts for vehicles, auto parts'],
  ['88', 'Aircraft, spacecraft and parts', 'aircraft, airplane, aeroplanes, helicopter, helicopters, drones, spacecraft, satellites, aircraft parts'],
  ['89', 'Ships, boats and floating structures', 'ship, ships, vessel, vessels, boat, boats, tanker, tankers, yacht, yachts, barge, barges, tug, tugs, trawler, trawlers, fishing vessel, floating dock'],
  ['90', 'Optical, measuring, medical instruments', 'instruments, optical, microscopes, cameras, lenses, medical equipment, measuring instruments, meters, gauges, spectrometers, x-ray'],
  ['91', 'Clocks and watches', 'watches, watch, clocks, wristwatches'],
  ['92', 'Musical instruments', 'musical instruments, pianos, guitars, accordions, violins'],
  ['93', 'Arms and ammunition', 'arms, weapons, firearms, rifles, pistols, ammunition, munitions, cartridges, bombs, grenades, missiles'],
  ['94', 'Furniture, bedding, lamps, prefabricated buildings', 'furniture, chairs, tables, beds, mattresses, lamps, lighting, prefabricated buildings, sofas'],
  ['95', 'Toys, games and sports equipment', 'toys, games, sports equipment, video games, fishing rods, snowmobiles, golf'],
  ['96', 'Miscellaneous manufactured articles', 'pens, pencils, brushes, buttons, zippers, lighters, combs, brooms'],
  ['97', 'Works of art, collectors\' pieces and antiques', 'paintings, art, artwork, statues, statue, sculptures, sculpture, antiques, monuments, collectors pieces, stamps'],
];

export const HS_CHAPTERS: readonly HsChapter[] = Object.freeze(CHAPTERS.map(([chapter, title, words]) => ({ chapter, title, words: words.split(',').map((w) => w.trim()) })));

/** How many candidate chapters a reading gives at most. */
const MAX_CANDIDATES = 3;

/**
 * The chapters a description's words name, the most named first (then the longest words, which
 * say more: "crude oil" before "oil"), at most three.
 *
 * @example candidateChapters('frozen crab legs') // [{ chapter: '03', title: 'Fish, crustaceans...', words: ['crab'] }]
 */
export function candidateChapters(description: string): { chapter: string; title: string; words: string[] }[] {
  const found = HS_CHAPTERS.map((c) => ({ chapter: c.chapter, title: c.title, words: namedTerms(description, c.words) })).filter((c) => c.words.length);
  const weight = (words: string[]): number => words.reduce((n, w) => n + w.length, 0);
  return found.sort((a, b) => b.words.length - a.words.length || weight(b.words) - weight(a.words) || a.chapter.localeCompare(b.chapter)).slice(0, MAX_CANDIDATES);
}
