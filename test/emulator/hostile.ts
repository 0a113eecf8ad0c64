// Hostile audit entries (`hostile: true`): terminal escapes, OSC 8 links, bidi overrides, CSV
// formulas, a 1 MB string, JSON nested 200 deep, lone surrogates and HTML/script markup (for the
// HTML report), all still served as valid JSON.

export interface HostileSpec {
  action: string;
  /** Resource type whose pool supplies resource_type / resource_id. */
  resourceType: string;
  actorType: string;
  /** 'player' = the main player's id; a number = that id; null = none. */
  actorId: 'player' | number | null;
  channel: string;
  metadata: Record<string, unknown> | null;
}

const ESC = '\u001b';
const BEL = '\u0007';
const osc8 = (url: string, text: string): string => `${ESC}]8;;${url}${BEL}${text}${ESC}]8;;${BEL}`;

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { bottom: true };
  for (let i = 1; i < depth; i++) value = { level: value };
  return value;
}

const CI_KEY = { api_key_id: 15, api_key_label: 'GitHub Actions CI', agent_accessible: false };

export function hostileSpecs(): HostileSpec[] {
  return [
    {
      action: `${ESC}[31mtrick.destroyed${ESC}[0m`, resourceType: 'Trick', actorType: 'Player', actorId: 'player', channel: 'api',
      metadata: { ...CI_KEY, resource_name: osc8('https://evil.example/phish', 'nightly-seed') },
    },
    {
      action: 'playground.updated', resourceType: 'Playground', actorType: 'User', actorId: 'player', channel: 'ui',
      metadata: { resource_name: `web-staging\rOK: nothing to see here${BEL}`, changes: { name: [`a${BEL}`, 'b\u0000c'] } },
    },
    {
      action: 'secret.created', resourceType: 'Secret', actorType: 'Player', actorId: 'player', channel: 'ui',
      metadata: { resource_name: 'invoice\u202Efdp.exe', note: 'bidi \u2066isolate\u2069 and \u200fmark' },
    },
    {
      action: 'trick.updated', resourceType: 'Trick', actorType: 'ApiKey', actorId: 15, channel: 'api',
      metadata: {
        resource_name: "=cmd|' /C calc'!A0",
        changes: { command: ['+SUM(1,2)', '@HYPERLINK("http://evil.example","click")'] },
        note: '-2+3',
        tab: '\tstarts with a tab',
      },
    },
    {
      action: 'template.updated', resourceType: 'Template', actorType: 'Player', actorId: 'player', channel: 'ui',
      metadata: { resource_name: 'huge', blob: 'A'.repeat(1024 * 1024) },
    },
    {
      action: 'agent.updated', resourceType: 'Agent', actorType: 'Genie', actorId: 21, channel: 'api',
      metadata: { resource_name: 'deep', nested: nested(200) },
    },
    {
      action: 'prop.updated', resourceType: 'Prop', actorType: 'Player', actorId: 'player', channel: 'ui',
      metadata: { resource_name: 'bad\ud800pair', tail: 'x\udc00', reversed: '\udfff\ud800' },
    },
    {
      action: `session.revoked\u0000${ESC}[8m`, resourceType: 'Session', actorType: `${ESC}[32mSystem${ESC}[0m`, actorId: null, channel: 'system',
      metadata: { resource_name: `x\u009b31mred via C1 CSI`, title: `${ESC}]0;pwned${BEL}` },
    },
    {
      action: 'trick.destroyed', resourceType: 'Trick', actorType: 'Player', actorId: 'player', channel: 'api',
      metadata: {
        api_key_id: 15,
        api_key_label: `GitHub Actions CI${ESC}[0m${ESC}]0;pwned${BEL}`,
        agent_accessible: false,
        resource_name: 'tab\tand\nnewline\r\nand CRLF',
      },
    },
    {
      action: '\u202eplayground.destroyed', resourceType: 'Playground', actorType: 'Playguard', actorId: null, channel: 'system',
      metadata: { resource_name: `${ESC}[2J${ESC}[Hcleared screen`, bell: BEL.repeat(5) },
    },
    {
      action: 'webhook_endpoint.created', resourceType: 'WebhookEndpoint', actorType: 'Player', actorId: 'player', channel: 'ui',
      metadata: { resource_name: osc8('file:///etc/passwd', 'slack-alerts'), url: 'javascript:alert(1)', del: 'x\u007fy' },
    },
    {
      action: 'marquee.updated', resourceType: 'Marquee', actorType: 'Automation', actorId: null, channel: 'system',
      metadata: null,
    },
    // Markup for the HTML report: each payload would set window.__fibePwned if it ever ran.
    {
      action: 'trick.updated', resourceType: 'Trick', actorType: 'Player', actorId: 'player', channel: 'api',
      metadata: {
        api_key_id: 99,
        api_key_label: '<script>window.__fibePwned = "label"</script>',
        agent_accessible: false,
        resource_name: '</script><img src=x onerror="window.__fibePwned = \'img\'">',
        homepage: 'javascript:window.__fibePwned = "link"',
        comment: '<!-- <script>window.__fibePwned = "comment"</script> -->',
      },
    },
    {
      action: '<svg onload="window.__fibePwned = 1">.destroyed', resourceType: 'Prop', actorType: 'User', actorId: 'player', channel: 'ui',
      metadata: { resource_name: '<a href="javascript:window.__fibePwned = 2">click me</a>', style: '<style>body{display:none}</style>' },
    },
  ];
}
