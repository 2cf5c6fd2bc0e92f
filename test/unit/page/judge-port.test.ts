import { describe, expect, it, vi } from 'vitest';
import { type Browser, browser } from 'wxt/browser';
import type { FlaggedLogins } from '../../../extension/lib/page/evaluate';
import {
  connectPageJudge,
  JUDGE_PORT,
  type PageJudgeService,
  servePageJudge,
} from '../../../extension/lib/page/judge-port';
import {
  type JudgePageLogins,
  type JudgePageLoginsMessage,
  judgePageLoginsSchema,
  type PageLogin,
} from '../../../shared/schemas/page-row';

type Listener = (...args: never[]) => void;

/** One end of a port: what it posts reaches the other end's listeners in a later task, as in a browser. */
class FakePort {
  other: FakePort | null = null;
  connected = true;
  private readonly messageListeners = new Set<Listener>();
  private readonly disconnectListeners = new Set<Listener>();
  constructor(
    readonly name: string,
    readonly sender?: { id: string },
  ) {}
  onMessage = { addListener: (listener: Listener) => this.messageListeners.add(listener) };
  onDisconnect = { addListener: (listener: Listener) => this.disconnectListeners.add(listener) };
  postMessage(message: unknown) {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    const copy = structuredClone(message);
    setTimeout(() => {
      if (!this.other?.connected) return;
      for (const listener of this.other.messageListeners) (listener as (message: unknown) => void)(copy);
    }, 0);
  }
  disconnect() {
    this.connected = false;
    if (this.other?.connected) {
      this.other.connected = false;
      for (const listener of this.other.disconnectListeners) (listener as () => void)();
    }
  }
}

/** A browser's runtime.connect / onConnect, as far as the judge's port uses them. */
function fakeRuntime(senderId = browser.runtime.id) {
  const connectListeners = new Set<(port: Browser.runtime.Port) => void>();
  const backgroundEnds: FakePort[] = [];
  const onConnect = {
    addListener: (listener: (port: Browser.runtime.Port) => void) => connectListeners.add(listener),
  } as unknown as typeof browser.runtime.onConnect;
  const connect = (name = JUDGE_PORT) => {
    const page = new FakePort(name);
    const background = new FakePort(name, { id: senderId });
    page.other = background;
    background.other = page;
    backgroundEnds.push(background);
    for (const listener of connectListeners) listener(background as unknown as Browser.runtime.Port);
    return page as unknown as Browser.runtime.Port;
  };
  return { onConnect, connect, backgroundEnds };
}

const request = (...usernames: string[]): JudgePageLogins => ({
  pageUrl: 'http://127.0.0.1/staff',
  logins: usernames.map((username, index) => ({
    username,
    displayName: index % 2 === 0 ? `Name of ${username}` : null,
    email: index % 3 === 0 ? `${username}@firm.example` : null,
    status: index % 2 === 0 ? null : 'Active',
  })),
});

/**
 * A judge that reads each batch as the background does, flags every login named "reception", and
 * answers when each test says.
 */
function fakeService(): PageJudgeService & { prepared: number; held: (() => void)[]; received: PageLogin[] } {
  const service = {
    prepared: 0,
    held: [] as (() => void)[],
    received: [] as PageLogin[],
    prepare() {
      service.prepared++;
    },
    judge(message: JudgePageLoginsMessage) {
      const read = judgePageLoginsSchema.safeParse(message);
      if (!read.success) return Promise.reject(new Error('the batch is not a list of logins'));
      const asked = read.data;
      service.received.push(...asked.logins);
      return new Promise<FlaggedLogins>((resolve) => {
        service.held.push(() =>
          resolve({
            flagged: asked.logins.flatMap((login, index) =>
              login.username === 'reception'
                ? [
                    [
                      index,
                      [
                        {
                          kind: 'generic',
                          title: 'reception',
                          evidence: 'role',
                          tip: 0,
                        },
                      ],
                    ],
                  ]
                : [],
            ) as FlaggedLogins['flagged'],
            tips: [{ why: 'w', fix: 'f' }],
          }),
        );
      });
    },
  };
  return service;
}

/** A page's side of the port, connected to a background that serves a fake judge. */
function connected() {
  const runtime = fakeRuntime();
  const service = fakeService();
  servePageJudge(service, runtime.onConnect);
  const judge = connectPageJudge(() => runtime.connect());
  return { runtime, service, judge };
}

describe('the port the in-page warnings judge logins through', () => {
  it('tells the background a page is coming as soon as the script starts, before any rows', () => {
    const { service } = connected();
    expect(service.prepared).toBe(1);
    expect(service.held).toHaveLength(0);
  });

  it('answers every batch with its own verdicts, whichever is judged first', async () => {
    const { runtime, service, judge } = connected();
    const first = judge(request('amy.nguyen', 'reception'));
    const second = judge(request('reception', 'tnowak', 'praman'));
    await vi.waitFor(() => expect(service.held).toHaveLength(2));
    service.held[1]?.();
    service.held[0]?.();
    expect((await first).flagged.map(([index]) => index)).toEqual([1]);
    expect((await second).flagged.map(([index]) => index)).toEqual([0]);
    // One port carried both, every login whole.
    expect(runtime.backgroundEnds).toHaveLength(1);
    expect(service.received).toEqual([
      ...request('amy.nguyen', 'reception').logins,
      ...request('reception', 'tnowak', 'praman').logins,
    ]);
  });

  it('refuses a bad batch alone, and judges the next', async () => {
    const { service, judge } = connected();
    await expect(judge(request('amy.nguyen', ''))).rejects.toThrow('the batch is not a list of logins');
    const next = judge(request('reception'));
    await vi.waitFor(() => expect(service.held).toHaveLength(1));
    service.held[0]?.();
    expect((await next).flagged).toHaveLength(1);
  });

  it('fails the batches waiting when the background goes away, and opens a new port for the next', async () => {
    const { runtime, service, judge } = connected();
    const waiting = judge(request('reception'));
    await vi.waitFor(() => expect(service.held).toHaveLength(1));
    // An idle service worker is stopped: its end of the port goes.
    runtime.backgroundEnds[0]?.disconnect();
    await expect(waiting).rejects.toThrow('the extension stopped answering');

    const next = judge(request('reception'));
    expect(runtime.backgroundEnds).toHaveLength(2);
    await vi.waitFor(() => expect(service.held).toHaveLength(2));
    service.held[1]?.();
    expect((await next).flagged).toHaveLength(1);
  });

  it('sends each batch and each answer as one string of JSON, which the browser copies whole', async () => {
    const { runtime, service, judge } = connected();
    const post = vi.spyOn(FakePort.prototype, 'postMessage');
    let posted: unknown[];
    try {
      const verdicts = judge(request('reception'));
      await vi.waitFor(() => expect(service.held).toHaveLength(1));
      service.held[0]?.();
      expect((await verdicts).flagged).toHaveLength(1);
    } finally {
      posted = post.mock.calls.map(([message]) => message);
      post.mockRestore();
    }
    expect(runtime.backgroundEnds).toHaveLength(1);
    expect(posted).toHaveLength(2);
    for (const message of posted) expect(typeof message).toBe('string');
    expect(JSON.parse(posted[0] as string)).toMatchObject({
      id: 1,
      request: { pageUrl: 'http://127.0.0.1/staff' },
    });
  });

  it('answers a message that is not a batch of logins with an error, and judges the next', async () => {
    const { runtime, service, judge } = connected();
    const waiting = judge(request('amy.nguyen'));
    await vi.waitFor(() => expect(service.held).toHaveLength(1));
    const page = runtime.backgroundEnds[0]?.other as FakePort;
    const answers: unknown[] = [];
    page.onMessage.addListener((answer: never) => answers.push(answer));
    for (const junk of ['not json', '42', JSON.stringify({ id: 'x' }), { id: 7, request: {} }])
      page.postMessage(junk);
    await vi.waitFor(() => expect(answers).toHaveLength(4));
    for (const answer of answers)
      expect(JSON.parse(answer as string)).toEqual({ id: -1, error: 'the batch is not a list of logins' });
    service.held[0]?.();
    expect((await waiting).flagged).toEqual([]);
  });

  it('fails a batch at once when the extension is gone', async () => {
    const judge = connectPageJudge(() => {
      throw new Error('Extension context invalidated.');
    });
    await expect(judge(request('reception'))).rejects.toThrow('Extension context invalidated.');
  });

  it('leaves ports of another name or from another extension alone', async () => {
    for (const [name, sender] of [
      ['something-else', browser.runtime.id],
      [JUDGE_PORT, 'another-extension-id'],
    ] as const) {
      const runtime = fakeRuntime(sender);
      const service = fakeService();
      servePageJudge(service, runtime.onConnect);
      const port = runtime.connect(name);
      const answers = vi.fn();
      port.onMessage.addListener(answers);
      port.postMessage({ id: 1, request: request('reception') });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(service.prepared).toBe(0);
      expect(service.held).toHaveLength(0);
      expect(answers).not.toHaveBeenCalled();
    }
  });
});
