export { HS_CHAPTERS, candidateChapters, type HsChapter } from './chapters.js';
export { columnName, shipmentColumns, shipmentRecord, type ShipmentColumns, type ShipmentRecord } from './csv-layout.js';
export { dprkNexus, goodsFindings, imoFindings, routeFindings, shipmentFindings, type Nexus, type ShipmentFindingOptions } from './check.js';
export { answerOf, statusOf, type Finding, type ShipmentAnswer } from './finding.js';
export { DPRK_MID, imoScheme, isCompanyImo, isShipImo, readImo, readMmsi } from './imo.js';
export { DPRK_PORTS, dprkPort, foldPortName, type DprkPort } from './ports.js';
export { PORT_ROLES, SHIPMENT, readShipment, type GoodsLine, type Shipment, type ShipmentParty, type ShipmentPort, type ShipmentVessel } from './shipment.js';
