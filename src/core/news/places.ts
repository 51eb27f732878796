import { DPRK_PORTS } from '../shipments/ports.js';

// The places an article on sanctions names besides countries (which `countryCode` knows): the
// capitals and cities that stand for governments ("Washington", "Pyongyang"), the cities and
// provinces of the two Koreas and of the DPRK's trade, the DPRK's ports (with their variants),
// and the words that make a name a place's (`Hwanghae Province`, `Yellow Sea`).

const CITIES = [
  // The two Koreas.
  'Pyongyang', 'Seoul', 'Busan', 'Pusan', 'Incheon', 'Inchon', 'Daegu', 'Gwangju', 'Daejeon', 'Ulsan', 'Panmunjom', 'Kaesong', 'Pyeongchang', 'Jeju', 'Sinuiju', 'Hamhung',
  'Yongbyon', 'Punggye-ri', 'Sohae', 'Tongchang-ri', 'Kangson', 'Sunan', 'Mount Kumgang', 'Kumgang', 'Rason', 'Hyesan', 'Kanggye', 'Sariwon', 'Pyongsong',
  // Capitals and cities that stand for their governments or host talks.
  'Washington', 'Tokyo', 'Beijing', 'Moscow', 'London', 'Paris', 'Berlin', 'Brussels', 'Geneva', 'New York', 'Vienna', 'Ottawa', 'Canberra', 'Vancouver', 'Toronto',
  'Singapore', 'Hanoi', 'Bangkok', 'Jakarta', 'Kuala Lumpur', 'Manila', 'Taipei', 'Ulaanbaatar', 'Vladivostok', 'Nakhodka', 'Khabarovsk', 'Shanghai', 'Dalian', 'Dandong',
  'Shenyang', 'Yanji', 'Hunchun', 'Tianjin', 'Qingdao', 'Yantai', 'Longkou', 'Ningbo', 'Guangzhou', 'Shenzhen', 'Hong Kong', 'Macau', 'Macao', 'Osaka', 'Niigata',
  'Kobe', 'Yokohama', 'Dubai', 'Abu Dhabi', 'Tehran', 'Damascus', 'Islamabad', 'Karachi', 'Phnom Penh', 'Yangon', 'Vientiane', 'Panama City', 'Colon', 'Lome',
  'Freetown', 'Kampala', 'Dar es Salaam', 'Addis Ababa', 'Cairo', 'Tripoli', 'Khartoum', 'Havana', 'Caracas', 'Kyiv', 'Kiev', 'Minsk', 'Warsaw', 'Rome', 'Madrid',
  'Busan', 'Nakhodka', 'Zarubino', 'Bandar Abbas', 'Port Klang', 'Kaohsiung', 'Keelung', 'Sakhalin', 'Primorye', 'Liaoning', 'Jilin', 'Shandong', 'Hebei', 'Zhejiang',
  'Gangwon', 'Gyeonggi', 'Hwanghae', 'Jagang', 'Ryanggang', 'Hamgyong', 'Pyongan', 'Kangwon', 'Chagang', 'Yanggang', 'North Pyongan', 'South Pyongan', 'North Hamgyong',
  'South Hamgyong', 'North Hwanghae', 'South Hwanghae', 'Gimpo', 'Pohang', 'Mokpo', 'Yeosu', 'Gunsan', 'Pyeongtaek', 'Donghae', 'Sokcho', 'Wonju', 'Suwon', 'Cheongju',
  'Haiphong', 'Wan Chai', 'Kowloon', 'Klang', 'Linjiang', 'Zhuhai', 'Yingkou', 'Rizhao', 'Lianyungang', 'Nantong', 'Taizhou', 'Zhoushan', 'Jebel Ali', 'Sharjah', 'Fujairah',
  'Vnukovo', 'Sheremetyevo', 'Colón', 'Colon', 'Balboa', 'Tuxpan', 'Kaliningrad', 'Novorossiysk', 'Britain', 'Great Britain', 'Kyiv', 'Taipei', 'Okinawa', 'Hokkaido',
  'Military Demarcation Line', 'Demilitarized Zone', 'DMZ', 'Yalu', 'Tumen', 'Han River', 'U.S.', 'U.K.', 'U.S.A.',
  // Regions and seas.
  'Korean Peninsula', 'East China Sea', 'Yellow Sea', 'East Sea', 'Sea of Japan', 'South China Sea', 'Gulf of Tonkin', 'Taiwan Strait', 'Korea Strait', 'Tsushima Strait',
  'Northeast Asia', 'East Asia', 'Southeast Asia', 'Asia', 'Europe', 'Africa', 'Middle East', 'Pacific', 'Indian Ocean', 'Arctic',
];

/** City, region and port names, lower-case. */
export const PLACE_NAMES: ReadonlySet<string> = new Set([...CITIES, ...DPRK_PORTS.flatMap((p) => [p.name, ...p.variants.filter((v) => /^\p{Script=Latin}/u.test(v))])].map((n) => n.toLowerCase()));

/** The places the two Koreas' press names in Hangul, with the gazetteer's: Tokyo is 도쿄. */
export const HANGUL_PLACES: ReadonlySet<string> = new Set(['서울', '평양', '도쿄', '베이징', '북경', '워싱턴', '모스크바', '부산', '인천', '개성', '판문점', '신의주', '단둥', '남포', '청진', '원산', '함흥', '라선', '나진', '뉴욕', '제네바', '싱가포르', '하노이']);

/** Words that end a place's name: `Hwanghae Province`, `Yellow Sea`, `Nampo Port`, `Ikura Guesthouse`. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(['guesthouse', 'hotel', 'airport', 'ground', 'base', 'square', 'palace', 'complex', 'zone', 'line', 'province', 'provinces', 'county', 'city', 'island', 'islands', 'sea', 'strait', 'peninsula', 'river', 'mountains', 'mountain', 'bay', 'gulf', 'port', 'harbor', 'harbour', 'district', 'prefecture', 'region', 'oblast', 'krai', 'ocean']);
