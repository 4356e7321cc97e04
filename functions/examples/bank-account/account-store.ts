import { setTimeout as sleep } from 'node:timers/promises';
import { ok, type RawClient } from '../../../client/http.ts';
import { PostroomError } from '../../../client/problem-error.ts';
import { conflictBackoffMs } from '../../core/backoff.ts';
import { decide, evolve, type Account, type AccountCommand, type AccountEvent } from './account.ts';
import { ACCOUNTS_STORE } from './names.ts';

/** Lost races of one command before it gives up (each read-decide-append again, after a backoff). */
const MAX_ATTEMPTS = 8;

/** An account as the store holds it: the fold of its events, and the version it was read at (null: no stream). */
export interface LoadedAccount {
  readonly account: Account | undefined;
  readonly version: number | null;
  readonly snapshotDue: boolean;
}

/** The outcome of a command: the account after it and the stream's version. */
export interface Handled {
  readonly account: Account;
  readonly version: number;
}

/**
 * Reads, decides and writes accounts through Postroom's HTTP API (the event store routes, via
 * `client.raw`: the typed client has no event-store helpers). Appends carry the version the
 * decision was made on, so a concurrent writer's append makes this one a 409 and it decides again.
 */
export class AccountStore {
  readonly #raw: RawClient;
  #declared: Promise<unknown> | undefined;

  constructor(raw: RawClient) {
    this.#raw = raw;
  }

  /**
   * Declares the store once per container (201, or 200 when it exists with these settings): the
   * example needs no setup step, and a store deleted by hand comes back with the next container.
   */
  declare(): Promise<unknown> {
    this.#declared ??= ok(this.#raw.PUT('/v1/event-stores/{store}', { params: { path: { store: ACCOUNTS_STORE } }, body: { partitions: 2, snapshotEvery: 20 } })).catch((error: unknown) => {
      this.#declared = undefined;
      throw error;
    });
    return this.#declared;
  }

  /** The latest snapshot and the events after it, in one request (and more reads past 1,000 events). */
  async load(accountId: string): Promise<LoadedAccount> {
    const path = { store: ACCOUNTS_STORE, streamId: accountId };
    let state;
    try {
      state = await ok(this.#raw.GET('/v1/event-stores/{store}/streams/{streamId}/state', { params: { path } }));
    } catch (error) {
      if (error instanceof PostroomError && error.code === 'stream_not_found') return { account: undefined, version: null, snapshotDue: false };
      throw error;
    }
    let account = (state.snapshot?.state ?? undefined) as Account | undefined;
    for (const event of state.events) account = evolve(account, event as AccountEvent);
    let { version } = state;
    for (let fromVersion = state.nextVersion; fromVersion !== null; ) {
      const page = await ok(this.#raw.GET('/v1/event-stores/{store}/streams/{streamId}/events', { params: { path, query: { fromVersion, max: 1000 } } }));
      for (const event of page.events) account = evolve(account, event as AccountEvent);
      version = page.events.at(-1)?.version ?? version;
      fromVersion = page.nextVersion;
    }
    return { account, version, snapshotDue: state.snapshotDue };
  }

  /**
   * Runs a command: load, decide, append at the loaded version; on 409 `wrong_expected_version`
   * (another command appended first) waits a jittered backoff and does it all again. A refusal
   * (`decide`'s AccountProblem) is thrown as it is.
   */
  async handle(command: AccountCommand): Promise<Handled> {
    const path = { store: ACCOUNTS_STORE, streamId: command.accountId };
    for (let attempt = 1; ; attempt++) {
      const { account, version, snapshotDue } = await this.load(command.accountId);
      const events = decide(account, command);
      // Applied already (its message came again after a crash): the account holds its events.
      if (events.length === 0) return { account: account!, version: version! };
      try {
        const appended = await ok(this.#raw.POST('/v1/event-stores/{store}/streams/{streamId}/events', { params: { path }, body: { expectedVersion: version ?? 'no_stream', events } }));
        // decide answered at least one event: the account exists after them.
        const after = events.reduce<Account | undefined>(evolve, account)!;
        // The snapshot is only a shortcut for later loads: one that fails costs nothing but a longer load.
        if (snapshotDue) await this.#snapshot(command.accountId, appended.lastVersion, after).catch(() => undefined);
        return { account: after, version: appended.lastVersion };
      } catch (error) {
        if (!(error instanceof PostroomError && error.code === 'wrong_expected_version') || attempt === MAX_ATTEMPTS) throw error;
        await sleep(conflictBackoffMs(attempt));
      }
    }
  }

  #snapshot(accountId: string, version: number, account: Account) {
    return ok(this.#raw.PUT('/v1/event-stores/{store}/streams/{streamId}/snapshot', { params: { path: { store: ACCOUNTS_STORE, streamId: accountId } }, body: { version, state: { ...account } } }));
  }
}
