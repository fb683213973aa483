export interface Balance {
  free: bigint;
  locked: bigint;
}

/** A trading account's balances; the caller checks sufficiency before moving funds. */
export class Account {
  readonly balances = new Map<string, Balance>();
  updateTime = 0;

  constructor(
    readonly id: string,
    readonly apiKey: string,
    readonly apiSecret: string,
    private readonly initial: Readonly<Record<string, bigint>>,
  ) {
    this.resetBalances();
  }

  resetBalances(): void {
    this.balances.clear();
    for (const [asset, amount] of Object.entries(this.initial)) {
      this.balances.set(asset, { free: amount, locked: 0n });
    }
  }

  balance(asset: string): Balance {
    let b = this.balances.get(asset);
    if (!b) {
      b = { free: 0n, locked: 0n };
      this.balances.set(asset, b);
    }
    return b;
  }

  canAfford(asset: string, amount: bigint): boolean {
    return this.balance(asset).free >= amount;
  }

  lock(asset: string, amount: bigint): void {
    const b = this.balance(asset);
    if (b.free < amount) throw new Error(`insufficient ${asset}`);
    b.free -= amount;
    b.locked += amount;
  }

  unlock(asset: string, amount: bigint): void {
    const b = this.balance(asset);
    b.locked -= amount;
    b.free += amount;
  }

  spendLocked(asset: string, amount: bigint): void {
    this.balance(asset).locked -= amount;
  }

  spendFree(asset: string, amount: bigint): void {
    this.balance(asset).free -= amount;
  }

  credit(asset: string, amount: bigint): void {
    this.balance(asset).free += amount;
  }
}
