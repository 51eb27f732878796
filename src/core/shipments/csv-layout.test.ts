import { describe, expect, it } from 'vitest';
import { shipmentColumns, shipmentRecord } from './csv-layout.js';
import { readShipment } from './shipment.js';

const HEADER = ['ID', 'Date', 'Origin', 'Destination', 'Port of Loading', 'port_of_discharge', 'transshipment_ports', 'vessel_name', 'vessel_imo', 'vessel_former_names', 'shipper_name', 'shipper_country', 'consignee_name', 'consignee_country', 'notify_party_name', 'issuing_bank_name', 'issuing_bank_swift', 'goods1_hs', 'goods1_description', 'goods1_quantity', 'goods2_hs', 'goods2_description', 'parties'];

describe('shipmentColumns', () => {
  it('reads the layout\'s columns whatever their case, spaces or hyphens', () => {
    const columns = shipmentColumns(HEADER, 'f.csv');
    expect(columns.parties.map((p) => p.role)).toEqual(['shipper', 'consignee', 'notify_party', 'issuing_bank']);
    expect(columns.goods.map((g) => [g.n, g.fields.map((f) => f.field)])).toEqual([[1, ['hs', 'description', 'quantity']], [2, ['hs', 'description']]]);
    expect(columns.ports.map((p) => p.role)).toEqual(['loading', 'discharge', 'transshipment']);
  });

  it('refuses a column it does not know, a party column without its name, a column given twice, and a file without dates', () => {
    expect(() => shipmentColumns(['date', 'consignee_name', 'consignee_contry'], 'f.csv')).toThrow(/^f\.csv: "consignee_contry" is not a column of a shipments file/);
    expect(() => shipmentColumns(['date', 'shipper_country'], 'f.csv')).toThrow(/"shipper_country" without the party's name column \(shipper_name\)/);
    expect(() => shipmentColumns(['date', 'id', 'ID'], 'f.csv')).toThrow(/column "ID" is given twice/);
    expect(() => shipmentColumns(['id', 'shipper_name'], 'f.csv')).toThrow(/no date column/);
    expect(() => shipmentColumns(['date', 'vessel_country'], 'f.csv')).toThrow(/"vessel_country" is not a column/);
  });
});

describe('shipmentRecord', () => {
  const columns = shipmentColumns(HEADER, 'f.csv');
  const row = (cells: Record<string, string>): string[] => HEADER.map((h) => cells[h] ?? '');

  it('makes the JSON form of a row, empty cells absent, several values split at ;', () => {
    const read = shipmentRecord(columns, row({
      ID: 's1', Date: '2019-03-01', Origin: 'KP', Destination: 'CN', 'Port of Loading': 'KPNAM', port_of_discharge: 'Dalian', transshipment_ports: 'Busan; Kaohsiung',
      vessel_name: 'M/V Ocean Star', vessel_imo: '8712362', vessel_former_names: 'CHON MYONG 1;CM 1', shipper_name: 'Korea Ryongbong General Corp', shipper_country: 'KP',
      consignee_name: 'Weihai Huijiang Trade Ltd', issuing_bank_name: 'Foreign Trade Bank', issuing_bank_swift: 'FTBDKPPY',
      goods1_hs: '2701.12', goods1_description: 'anthracite', goods1_quantity: '5000', goods2_description: 'iron ore',
      parties: '[{"role": "owner", "name": "Chonmyong Shipping Co"}]',
    }));
    expect(read.error).toBeUndefined();
    expect(read.value).toEqual({
      id: 's1', date: '2019-03-01', origin: 'KP', destination: 'CN',
      vessel: { name: 'M/V Ocean Star', imo: '8712362', former_names: ['CHON MYONG 1', 'CM 1'] },
      ports: [{ name: 'KPNAM', locode: 'KPNAM', role: 'loading' }, { name: 'Dalian', role: 'discharge' }, { name: 'Busan', role: 'transshipment' }, { name: 'Kaohsiung', role: 'transshipment' }],
      parties: [
        { role: 'shipper', name: 'Korea Ryongbong General Corp', country: 'KP' },
        { role: 'consignee', name: 'Weihai Huijiang Trade Ltd' },
        { role: 'issuing_bank', name: 'Foreign Trade Bank', swift: 'FTBDKPPY' },
        { role: 'owner', name: 'Chonmyong Shipping Co' },
      ],
      goods: [{ hs: '2701.12', description: 'anthracite', quantity: 5000 }, { description: 'iron ore' }],
    });
    expect(readShipment(read.value, 'f.csv line 2', read.columnOf)).toMatchObject({ id: 's1', goods: [{ hs: '270112' }, { description: 'iron ore' }] });
  });

  it('names the column a bad value came from', () => {
    const bad = (cells: Record<string, string>) => {
      const read = shipmentRecord(columns, row({ ID: 's9', Date: '2019-03-01', ...cells }));
      if (read.error) return read.error;
      try {
        readShipment(read.value, 'f.csv line 4', read.columnOf);
      } catch (error) {
        return (error as Error).message;
      }
      return 'read';
    };
    expect(bad({ goods2_hs: '270' })).toMatch(/^shipment s9 \(f\.csv line 4\): goods2_hs: "270" has 3 digits/);
    expect(bad({ consignee_name: 'X', consignee_country: 'Narnia' })).toMatch(/: consignee_country: "Narnia" is not a country/);
    expect(bad({ goods1_hs: '2701', goods1_quantity: '5,000' })).toBe('goods1_quantity: "5,000" is not a number (digits, a decimal point, no thousands separator)');
    expect(bad({ parties: '[{"role": "owner"}]' })).toMatch(/: parties item 1, name: /);
    expect(bad({ parties: '{"role"' })).toMatch(/^parties: not JSON/);
    expect(bad({ Date: '2019-02-30' })).toMatch(/: Date: a date YYYY-MM-DD/);
  });
});
