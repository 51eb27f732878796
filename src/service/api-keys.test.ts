import { describe, expect, it } from 'vitest';
import { hashApiKey, keyFromHeaders, parseRole, roleAllows } from './api-keys.js';

describe('roleAllows', () => {
  it('orders the roles reader < analyst < admin', () => {
    expect(roleAllows('admin', 'reader')).toBe(true);
    expect(roleAllows('analyst', 'analyst')).toBe(true);
    expect(roleAllows('reader', 'analyst')).toBe(false);
    expect(roleAllows('analyst', 'admin')).toBe(false);
  });
});

describe('parseRole', () => {
  it('names the roles it accepts', () => {
    expect(parseRole('reader')).toBe('reader');
    expect(() => parseRole('root')).toThrow('role must be one of reader, analyst, admin (got "root")');
  });
});

describe('keyFromHeaders', () => {
  it('reads the key from Authorization: ApiKey (as OpenSanctions\' API) or X-API-Key', () => {
    expect(keyFromHeaders({ authorization: 'ApiKey idk_abc' })).toBe('idk_abc');
    expect(keyFromHeaders({ authorization: 'apikey   idk_abc ' })).toBe('idk_abc');
    expect(keyFromHeaders({ 'x-api-key': ' idk_def ' })).toBe('idk_def');
    expect(keyFromHeaders({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
    expect(keyFromHeaders({})).toBeUndefined();
  });
});

describe('hashApiKey', () => {
  it('is the hex SHA-256 of the key', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
