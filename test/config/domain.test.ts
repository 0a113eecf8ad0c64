import { describe, expect, it } from 'vitest';
import { displayDomain, isLoopbackHost, parseDomain } from '../../src/config/domain.js';
import { UsageError } from '../../src/errors.js';

describe('parseDomain', () => {
  it.each([
    ['fibe.gg', 'https://fibe.gg'],
    ['  staging.fibe.gg  ', 'https://staging.fibe.gg'],
    ['staging.fibe.gg:8443', 'https://staging.fibe.gg:8443'],
    ['fibe.gg/api/whatever', 'https://fibe.gg'],
    ['https://fibe.gg', 'https://fibe.gg'],
    ['https://fibe.gg:443/api', 'https://fibe.gg'],
    ['HTTPS://Fibe.GG/', 'https://fibe.gg'],
    ['https://self-hosted.example.com:9000/x?y=1', 'https://self-hosted.example.com:9000'],
    ['http://localhost:4010', 'http://localhost:4010'],
    ['http://127.0.0.1:4010/api', 'http://127.0.0.1:4010'],
    ['http://127.45.6.7', 'http://127.45.6.7'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['localhost:4010', 'https://localhost:4010'],
  ])('%j -> %s', (input, origin) => {
    expect(parseDomain(input)).toBe(origin);
  });

  it.each([
    ['http://fibe.gg', 'plain http is refused for fibe.gg'],
    ['http://10.0.0.5:8080', 'plain http is refused for 10.0.0.5'],
    ['http://128.0.0.1', 'plain http is refused for 128.0.0.1'],
    ['http://localhost.evil.com', 'plain http is refused for localhost.evil.com'],
    ['', 'empty domain'],
    ['   ', 'empty domain'],
    ['foo bar', 'not a host or URL'],
    ['-', 'not a host or URL'],
    ['a..b', 'not a host or URL'],
    ['https://', 'not a host or URL'],
    ['https://user:pw@fibe.gg', 'not a host or URL'],
    ['ftp://fibe.gg', 'unsupported scheme ftp'],
    ['fibe.gg:99999', 'not a host or URL'],
  ])('%j is a usage error (%s)', (input, why) => {
    let err: unknown;
    try {
      parseDomain(input, 'FIBE_DOMAIN');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).message).toMatch(/^FIBE_DOMAIN: /);
    expect((err as UsageError).message).toContain(why);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['api.localhost', true],
    ['127.0.0.1', true],
    ['127.255.255.254', true],
    ['[::1]', true],
    ['127.0.0.256', false],
    ['10.0.0.1', false],
    ['localhost.example', false],
    ['[::2]', false],
  ])('%s -> %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('displayDomain', () => {
  it.each([
    ['https://fibe.gg', 'fibe.gg'],
    ['https://x.example:8443', 'x.example:8443'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
  ])('%s -> %s', (origin, shown) => {
    expect(displayDomain(origin)).toBe(shown);
  });
});
