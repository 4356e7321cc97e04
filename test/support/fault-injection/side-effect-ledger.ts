/**
 * What a consumer's side effects did, message by message (think: charges a payment service made),
 * so that a run can be checked against a delivery guarantee afterwards.
 */
export class SideEffectLedger {
  readonly #counts = new Map<string, number>();

  record(messageId: string): void {
    this.#counts.set(messageId, (this.#counts.get(messageId) ?? 0) + 1);
  }

  count(messageId: string): number {
    return this.#counts.get(messageId) ?? 0;
  }

  /** Messages whose effect happened more than once. */
  duplicated(): string[] {
    return [...this.#counts].filter(([, count]) => count > 1).map(([id]) => id);
  }

  /** Those of `messageIds` whose effect never happened. */
  missing(messageIds: readonly string[]): string[] {
    return messageIds.filter((id) => !this.#counts.has(id));
  }
}
