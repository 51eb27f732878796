// The words an article names people, offices and things with: the titles and offices that make a
// role ("Japanese Vice Foreign Minister"), the honorifics dropped from a name ("Mr."), the verbs
// of speech that attribute a quote, the demonyms that give a nationality, the words that make a
// name an organization's or a ship's, and the capitalized words that begin sentences but name
// nothing. Lower-case, compared with words folded to lower case.

/** Words of an office or a function: a role holds at least one. */
export const TITLE_WORDS = new Set([
  'minister', 'ministers', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson', 'leader', 'president', 'vice-president', 'premier', 'chairman', 'chairwoman', 'chair',
  'ambassador', 'envoy', 'director', 'director-general', 'official', 'officials', 'general', 'admiral', 'marshal', 'colonel', 'commander', 'chief', 'head', 'governor',
  'senator', 'representative', 'congressman', 'congresswoman', 'lawmaker', 'legislator', 'mayor', 'king', 'queen', 'prince', 'princess', 'emperor', 'chancellor',
  'diplomat', 'negotiator', 'adviser', 'advisor', 'counsellor', 'counselor', 'attaché', 'attache', 'consul', 'executive', 'ceo', 'cfo', 'founder', 'owner', 'manager',
  'captain', 'master', 'banker', 'trader', 'broker', 'agent', 'analyst', 'professor', 'researcher', 'scholar', 'expert', 'judge', 'prosecutor', 'lawyer', 'attorney',
  'aide', 'deputy', 'undersecretary', 'under-secretary', 'coordinator', 'rapporteur', 'delegate',
  'representative', 'commissioner', 'inspector', 'officer', 'member', 'vice-chairman', 'vice-minister', 'defector', 'dictator', 'strongman',
]);

/** Family ties that make a role before a name: `his sister Kim Yo-jong`. */
export const KIN_WORDS = new Set(['sister', 'brother', 'wife', 'husband', 'son', 'daughter', 'father', 'mother', 'uncle', 'aunt', 'nephew', 'niece', 'cousin', 'widow', 'grandson', 'granddaughter']);

/** Words that end a role read backwards from a name: verbs, prepositions and articles are no part of one (`met`, `by`, `the`). */
export const ROLE_STOPS = new Set(['the', 'a', 'an', 'by', 'with', 'to', 'from', 'in', 'on', 'at', 'as', 'was', 'is', 'are', 'were', 'be', 'been', 'has', 'had', 'have', 'met', 'where', 'who', 'whom', 'which', 'that', 'when', 'while', 'and', 'or', 'but', 'than', 'like', 'between', 'after', 'before', 'during', 'since', 'against', 'about', 'into', 'over', 'under', 'his', 'her', 'its', 'their', 'our', 'this', 'these', 'those']);

/** Words a role may hold besides titles: ranks, offices, subjects of an office. */
export const ROLE_WORDS = new Set([
  ...TITLE_WORDS,
  'vice', 'deputy', 'assistant', 'acting', 'senior', 'junior', 'former', 'first', 'second', 'high-ranking', 'top', 'chief', 'special', 'permanent', 'supreme', 'foreign',
  'defense', 'defence', 'finance', 'trade', 'treasury', 'state', 'unification', 'interior', 'justice', 'energy', 'economy', 'economic', 'industry', 'security', 'national',
  'affairs', 'ministry', 'department', 'office', 'party', 'workers', "workers'", 'central', 'committee', 'military', 'army', 'navy', 'people', "people's", 'united', 'nations',
  'un', 'u.n.', 'ruling', 'opposition', 'government', 'cabinet', 'presidential', 'intelligence', 'policy', 'for', 'of', 'the', 'and', 'on', 'general', 'staff',
  'north', 'south', 'east', 'west', 'asian', 'pacific', 'korea', 'korean', 'nuclear', 'sanctions', 'company', 'firm', 'bank', 'shipping', 'trading', 'political', 'bureau',
  'politburo', 'commission', 'council', 'security', 'assembly', 'legislative', 'parliamentary', 'parliament', 'house', 'senate', 'vessel', "vessel's", 'ship', "ship's",
  'its', 'his', 'her', 'their', 'a', 'an',
]);

/** Honorifics written before a name and never part of it. */
export const HONORIFICS = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'miss', 'dr', 'dr.', 'prof', 'prof.', 'sir', 'dame', 'madam', 'madame', 'comrade', 'gen.', 'lt.', 'col.', 'capt.', 'adm.', 'sen.', 'rep.', 'gov.', 'amb.']);

/** Verbs of speech: `X said`, `said X`, `X told reporters`. */
export const SPEECH_VERBS = new Set(['said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'states', 'warned', 'warns', 'noted', 'notes', 'asked', 'asks', 'argued', 'argues', 'declared', 'declares', 'insisted', 'insists', 'wrote', 'writes', 'explained', 'explains', 'urged', 'urges', 'announced', 'announces', 'claimed', 'claims', 'remarked', 'replied', 'responded', 'stressed', 'stresses', 'emphasized', 'emphasised', 'reiterated', 'reaffirmed', 'quoted', 'continued', 'spoke', 'calling', 'called', 'calls', 'saying', 'telling', 'adding', 'warning', 'according']);

/** Demonyms and adjectives of countries a role opens with, and the country each gives. */
export const DEMONYMS: Readonly<Record<string, string>> = {
  'north korean': 'KP', 'south korean': 'KR', korean: 'KR', japanese: 'JP', chinese: 'CN', russian: 'RU', american: 'US', 'u.s.': 'US', us: 'US', british: 'GB', french: 'FR',
  german: 'DE', canadian: 'CA', australian: 'AU', iranian: 'IR', syrian: 'SY', indian: 'IN', pakistani: 'PK', taiwanese: 'TW', vietnamese: 'VN', singaporean: 'SG',
  malaysian: 'MY', indonesian: 'ID', thai: 'TH', philippine: 'PH', filipino: 'PH', mongolian: 'MN', ukrainian: 'UA', italian: 'IT', spanish: 'ES', dutch: 'NL', swiss: 'CH',
  swedish: 'SE', norwegian: 'NO', polish: 'PL', turkish: 'TR', emirati: 'AE', saudi: 'SA', egyptian: 'EG', israeli: 'IL', cambodian: 'KH', burmese: 'MM', myanmar: 'MM',
  'hong kong': 'HK', panamanian: 'PA', sierra: 'SL', togolese: 'TG', belizean: 'BZ', cuban: 'CU', venezuelan: 'VE', libyan: 'LY', sudanese: 'SD', european: 'EU',
};

/** Words that make a name a ship's when written before it: `the tanker Wan Heng 11`, `MV Ji Song 6`. */
export const VESSEL_CUES = new Set(['tanker', 'vessel', 'ship', 'freighter', 'carrier', 'bulker', 'trawler', 'barge', 'cargo', 'ferry', 'mv', 'm/v', 'm.v.', 'mt', 'm/t', 'ss', 'tug', 'yacht', 'boat', 'dredger', 'coaster']);

/** Words that make a name an organization's, beside the legal forms and institutions of screening (`ORGANIZATION_WORDS`). */
export const ORGANIZATION_NOUNS = new Set([
  'company', 'co', 'co.', 'corp', 'corp.', 'corporation', 'ltd', 'ltd.', 'limited', 'inc', 'inc.', 'llc', 'plc', 'gmbh', 'bank', 'banking', 'trading', 'trust', 'holding', 'holdings',
  'group', 'industries', 'industrial', 'enterprise', 'enterprises', 'shipping', 'logistics', 'maritime', 'marine', 'navigation', 'committee', 'bureau', 'ministry', 'department',
  'office', 'association', 'institute', 'university', 'federation', 'foundation', 'organization', 'organisation', 'agency', 'council', 'army', 'navy', 'party', 'front',
  'brigade', 'commission', 'assembly', 'parliament', 'congress', 'senate', 'court', 'police', 'guard', 'service', 'services', 'news', 'times', 'post', 'herald', 'journal',
  'agency', 'television', 'radio', 'broadcasting', 'network', 'exchange', 'fund', 'mission', 'embassy', 'consulate', 'administration', 'secretariat', 'general', 'works',
  'mining', 'metals', 'oil', 'petroleum', 'energy', 'chemical', 'chemicals', 'electronics', 'technology', 'technologies', 'commerce', 'commercial', 'investment', 'capital',
  'partners', 'associates', 'import', 'export', 'airlines', 'nations', 'treasury', 'pentagon', 'authority', 'securities', 'studies', 'staff', 'chiefs',
  'programme', 'program', 'armed', 'forces', 'academy', 'corps', 'directorate', 'command', 'airline', 'air', 'lines', 'line', 'international', 'development', 'centre', 'center', 'union',
  // Legal forms, written without their dots (`S.A.` is `sa`).
  'sa', 'as', 'ag', 'nv', 'bv', 'spa', 'sas', 'sarl', 'srl', 'ltda', 'pty', 'pte', 'jsc', 'ojsc', 'pjsc', 'cjsc', 'ooo', 'oao', 'zao', 'pao', 'kft', 'sro', 'ab', 'oy', 'oyj',
  'kk', 'bhd', 'sdn', 'tbk', 'cia', 'kg', 'llp', 'lp', 'fze', 'fzco', 'fzc', 'dmcc', 'pvt', 'as', 'aş', 'sti', 'şti', 'ltdsti', 'jv',
]);

/** Capitalized words that open sentences or clauses but name nothing, and days and months. */
export const NOT_NAMES = new Set([
  'the', 'a', 'an', 'and', 'but', 'or', 'nor', 'so', 'yet', 'for', 'if', 'in', 'on', 'at', 'by', 'to', 'of', 'from', 'with', 'as', 'after', 'before', 'following', 'during',
  'while', 'when', 'where', 'what', 'who', 'whom', 'which', 'why', 'how', 'this', 'that', 'these', 'those', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her',
  'their', 'our', 'my', 'your', 'there', 'here', 'both', 'all', 'some', 'many', 'most', 'no', 'not', 'one', 'two', 'three', 'also', 'however', 'meanwhile', 'still', 'indeed',
  'frankly', 'according', 'under', 'over', 'since', 'until', 'despite', 'among', 'between', 'about', 'against', 'although', 'though', 'because', 'once', 'then', 'now', 'today',
  'yesterday', 'tomorrow', 'last', 'next', 'earlier', 'later', 'posted', 'updated', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january',
  'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'period', 'go', 'notify', 'inline', 'view', 'vote', 'article', 'rating', 'contents', 'read', 'more', 'share', 'comments', 'reply', 'subscribe', 'photo',
  'video', 'advertisement', 'related', 'denuclearization', 'sanctions', 'officials', 'analysts', 'experts', 'satellite', 'imagery', 'such', 'each', 'every', 'any', 'other',
  'another', 'several', 'few', 'only', 'even', 'just', 'yes', 'like', 'unlike', 'asked', 'said', 'says', 'beyond', 'neither', 'either', 'nobody', 'everyone', 'later', 'asked', 'within', 'without',
  'across', 'through', 'into', 'onto', 'upon', 'via', 'per', 'whether', 'unless', 'instead', 'rather', 'again', 'further', 'furthermore', 'moreover', 'thus', 'therefore',
]);

/** Lower-case words that may join the capitalized words of one name: `Bank of East Land`, `Kim Il Sung University`. */
export const NAME_JOINERS = new Set(['of', 'and', '&', 'for', 'de', 'del', 'la', 'le', 'du', 'van', 'von', 'der', 'bin', 'binti', 'al', 'el', 'da', 'dos', 'di']);

/** Titles the Korean press writes after a name in Hangul (장원재특파원, 김여정 부부장), longest first. */
export const KOREAN_TITLES: readonly string[] = ['국무위원장', '제1부부장', '부위원장', '총비서', '외무상', '특파원', '위원장', '대변인', '사령관', '대통령', '부부장', '기자', '장관', '차관', '총리', '의원', '국장', '부장', '위원', '대사', '비서', '씨'];

/** The Chinese surnames most borne, written in pinyin: a Chinese name puts its surname first (Chi Yupeng, Jin Tiesan). */
export const CHINESE_SURNAMES = new Set(['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'xu', 'sun', 'hu', 'zhu', 'gao', 'lin', 'he', 'guo', 'ma', 'luo', 'liang', 'song', 'zheng', 'xie', 'han', 'tang', 'feng', 'yu', 'dong', 'xiao', 'cheng', 'cao', 'yuan', 'deng', 'fu', 'shen', 'zeng', 'peng', 'lu', 'su', 'jiang', 'cai', 'jia', 'ding', 'wei', 'xue', 'ye', 'yan', 'pan', 'du', 'dai', 'xia', 'zhong', 'tian', 'ren', 'fan', 'fang', 'shi', 'yao', 'tan', 'liao', 'zou', 'xiong', 'jin', 'hao', 'kong', 'bai', 'cui', 'kang', 'mao', 'qiu', 'qin', 'gu', 'hou', 'shao', 'meng', 'long', 'wan', 'duan', 'qian', 'yin', 'yi', 'chang', 'qiao', 'lai', 'gong', 'wen', 'chi', 'geng', 'hua', 'lei', 'mo', 'niu', 'qi', 'zhan', 'xing', 'yue']);
