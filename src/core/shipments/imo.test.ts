import { describe, expect, it } from 'vitest';
import { imoScheme, isCompanyImo, isShipImo, readImo, readMmsi } from './imo.js';

describe('isShipImo', () => {
  it('checks a ship\'s number by its weighted check digit', () => {
    expect(isShipImo('9074729')).toBe(true);
    expect(isShipImo('8712362')).toBe(true); // CHON MYONG 1 (OFAC 23726)
    expect(isShipImo('7937317')).toBe(true); // CHONG CHON GANG (OFAC 17069)
    expect(isShipImo('9074728')).toBe(false);
    expect(isShipImo('5571322')).toBe(false); // a company's number
    expect(isShipImo('907472')).toBe(false);
  });
});

describe('isCompanyImo', () => {
  it('checks a company or registered owner number by the other scheme', () => {
    expect(isCompanyImo('5571322')).toBe(true); // CHONMYONG SHIPPING CO (UN KPe.056)
    expect(isCompanyImo('5878589')).toBe(true); // CHONGBONG SHIPPING CO LTD (OFAC 19569)
    expect(isCompanyImo('1267131')).toBe(true); // KOREAN POLISH SHPG
    expect(isCompanyImo('5571323')).toBe(false);
    expect(isCompanyImo('8712362')).toBe(false);
  });
});

describe('imoScheme', () => {
  it('tells a ship\'s number from a company\'s, and names one that passes both or neither', () => {
    expect(imoScheme('8712362')).toBe('ship');
    expect(imoScheme('5571322')).toBe('company');
    expect(imoScheme('1790183')).toBe('both'); // OCEAN MARITIME MANAGEMENT's company number passes both
    expect(imoScheme('1234560')).toBe('neither');
  });
});

describe('readImo and readMmsi', () => {
  it('reads the digits as written, refusing other lengths', () => {
    expect(readImo('IMO 8712362').digits).toBe('8712362');
    expect(readImo('imo:8712362').digits).toBe('8712362');
    expect(readImo(8712362).digits).toBe('8712362');
    expect(readImo('871236').problem).toMatch(/not an IMO number/);
    expect(readMmsi('445 123 456').digits).toBe('445123456');
    expect(readMmsi('44512345').problem).toMatch(/not an MMSI/);
  });
});
