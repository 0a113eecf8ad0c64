// The follower's stderr: notices as lines, a status line redrawn in place on a terminal only, cleared
// before anything else is written; API text escaped and keys masked.
import { describe, expect, it } from 'vitest';
import { testIO } from '../../src/io.js';
import { createFollowVoice } from '../../src/follow/status-line.js';

describe('createFollowVoice', () => {
  it('on a terminal: the status line is drawn, cleared around notices and stdout, and redrawn', () => {
    const io = testIO({ tty: true, columns: 40 });
    const voice = createFollowVoice(io, false);
    voice.status('following: last check 12:00');
    voice.notice('warning: 503');
    voice.clear();
    voice.restore();
    expect(io.err()).toBe(
      '\r\x1b[2Kfollowing: last check 12:00' + '\r\x1b[2K' + 'warning: 503\n' + '\r\x1b[2Kfollowing: last check 12:00' + '\r\x1b[2K' + '\r\x1b[2Kfollowing: last check 12:00',
    );
    expect(io.out()).toBe('');
  });

  it('cuts a status line to the terminal (a wrapped line cannot be cleared with one \\r)', () => {
    const io = testIO({ tty: true, columns: 20 });
    createFollowVoice(io, false).status('x'.repeat(50));
    expect(io.err()).toBe(`\r\x1b[2K${'x'.repeat(18)}…`);
    // stderr's width, not stdout's: stdout may be a file while the status line is on the terminal.
    const redirected = testIO({ tty: true, columns: 80, errColumns: 20 });
    createFollowVoice(redirected, false).status('x'.repeat(50));
    expect(redirected.err()).toBe(`\r\x1b[2K${'x'.repeat(18)}…`);
  });

  it('piped: notices only; --quiet: nothing', () => {
    const piped = testIO();
    const voice = createFollowVoice(piped, false);
    voice.status('following');
    voice.notice('slowing down');
    expect(piped.err()).toBe('slowing down\n');
    const quiet = testIO({ tty: true });
    const silent = createFollowVoice(quiet, true);
    silent.status('following');
    silent.notice('slowing down');
    expect(quiet.err()).toBe('');
  });

  it('escapes control characters and masks the key in what it quotes', () => {
    const io = testIO();
    const key = 'fibe_live_abcdefghijklmnopqrstuvwxyz';
    createFollowVoice(io, false, [key]).notice(`warning: 500 INTERNAL_ERROR echoing ${key} \x1b[2J`);
    expect(io.err()).not.toContain(key);
    expect(io.err()).not.toContain('\x1b');
    expect(io.err()).toContain('\\x1b[2J');
  });
});
