export { TRAVEL_BAN_DATASETS, designationBan, dprkTravelBan, travelBanOf, type BanEffect, type DprkTravelBan, type TravelBan } from './bans.js';
export { TRAVEL_VERDICTS, exemptionBasis, travelAnswer, type TravelAnswer, type TravelMatch, type TravelRules, type TravelVerdict } from './check.js';
export { EXEMPTION_FIELDS, exemptionGaps, exemptionNames, readExemption, type Exemption } from './exemption.js';
export { TRAVELLER_FIELDS, readTraveller, type Traveller } from './traveller.js';
