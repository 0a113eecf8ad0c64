import { describe, expect, it } from 'vitest';
import { minimumScopeOf, reviewScopes, scopeLevelOf, scopeNeedOf } from '../../src/model/scopes.js';

describe('minimumScopeOf: one mapping from action families to scopes', () => {
  it.each([
    ['trick.created', 'tricks:write'],
    ['trick.updated', 'tricks:write'],
    ['trick.destroyed', 'tricks:delete'],
    ['playground.created', 'playgrounds:write'],
    ['playground.player.deleted', 'playgrounds:delete'],
    ['playground.expired', 'playgrounds:write'],
    ['playground.playguard.recovered', 'playgrounds:write'],
    ['playground.logs.downloaded', 'playgrounds:read'],
    ['template.updated', 'templates:write'],
    ['webhook_endpoint.created', 'webhooks:write'],
    ['webhook_endpoint.destroyed', 'webhooks:delete'],
    ['secret.rotated', 'secrets:write'],
    ['secret.destroyed', 'secrets:delete'],
    ['api_key.created', 'keys:manage'],
    ['api_key.destroyed', 'keys:manage'],
    ['job_env.updated', 'job_env:write'],
    ['agent.updated', 'agents:write'],
    ['Marquee.Updated', 'marquees:write'],
    ['two_factor.disabled', null],
    ['session.revoked', null],
    ['security_key.registered', null],
    ['subscription.renewed', null],
    ['unheard_of.thing', null],
    ['', null],
  ])('%s -> %s', (action, scope) => {
    expect(minimumScopeOf(action)).toBe(scope);
  });

  it('lists fallbacks after the primary resource', () => {
    expect(scopeNeedOf('trick.destroyed')).toEqual({ resources: ['tricks', 'playgrounds'], level: 'delete' });
    expect(scopeNeedOf('template.created')).toEqual({ resources: ['templates', 'import_templates'], level: 'write' });
  });
});

describe('scopeLevelOf', () => {
  it.each([
    ['playgrounds:read', 'read'],
    ['tricks:write', 'write'],
    ['tricks:delete', 'delete'],
    ['secrets:manage', 'manage'],
    ['keys:manage', 'manage'],
    ['mcp:access', 'other'],
    ['*', 'wildcard'],
    ['weird', 'other'],
  ])('%s is %s', (scope, level) => {
    expect(scopeLevelOf(scope)).toBe(level);
  });
});

describe('reviewScopes', () => {
  it('finds the write scope no action needed, and lists reads apart', () => {
    const r = reviewScopes(
      ['playgrounds:read', 'playgrounds:write', 'playspecs:write', 'secrets:write'],
      ['playground.created', 'playground.updated', 'playspec.updated', 'job_env.updated'],
    );
    expect(r).toEqual({
      wildcard: false,
      used: ['playgrounds:write', 'playspecs:write'],
      unused: ['secrets:write'],
      unobservable: ['playgrounds:read'],
      minimum: ['job_env:write', 'playgrounds:write', 'playspecs:write'],
      uncovered: ['job_env.updated'],
      unmapped: [],
    });
  });

  it('credits a delete to :delete before :manage or :write', () => {
    const r = reviewScopes(['tricks:write', 'tricks:delete', 'tricks:manage'], ['trick.destroyed']);
    expect(r.used).toEqual(['tricks:delete']);
    expect(r.unused).toEqual(['tricks:write', 'tricks:manage']);
  });

  it('lets :write cover a delete when the key holds no :delete or :manage (the server allowed it)', () => {
    const r = reviewScopes(['tricks:write'], ['trick.destroyed']);
    expect(r.used).toEqual(['tricks:write']);
    expect(r.unused).toEqual([]);
    expect(r.uncovered).toEqual([]);
  });

  it('falls back to playgrounds scopes for tricks only when the key has no tricks scope', () => {
    expect(reviewScopes(['playgrounds:write', 'playgrounds:delete'], ['trick.created', 'trick.destroyed']).unused).toEqual([]);
    const both = reviewScopes(['tricks:write', 'playgrounds:write'], ['trick.created']);
    expect(both.used).toEqual(['tricks:write']);
    expect(both.unused).toEqual(['playgrounds:write']);
  });

  it('says a wildcard cannot be narrowed and gives the observed minimum', () => {
    const r = reviewScopes(['*'], ['webhook_endpoint.created', 'api_key.destroyed', 'api_key.destroyed', 'session.revoked']);
    expect(r.wildcard).toBe(true);
    expect(r.unused).toEqual([]);
    expect(r.used).toEqual([]);
    expect(r.minimum).toEqual(['keys:manage', 'webhooks:write']);
    expect(r.unmapped).toEqual(['session.revoked']);
  });

  it('reports every judged scope unused when nothing happened', () => {
    const r = reviewScopes(['playgrounds:read', 'tricks:write', 'keys:manage', 'mcp:access'], []);
    expect(r.unused).toEqual(['tricks:write', 'keys:manage']);
    expect(r.unobservable).toEqual(['playgrounds:read', 'mcp:access']);
  });

  it('counts an audited read as needing its read scope, and never calls a read scope unused', () => {
    const r = reviewScopes(['playgrounds:read', 'tricks:read'], ['playground.logs.downloaded']);
    expect(r.minimum).toEqual(['playgrounds:read']);
    expect(r.used).toEqual(['playgrounds:read']);
    expect(r.unused).toEqual([]);
    // Most reads are not audited: a read scope no entry used may still be in use.
    expect(r.unobservable).toEqual(['tricks:read']);
  });
});
