/**
 * Every request the benchmark sends gets a sequence number, and its lead reference carries it
 * (`<tag><seq>`), so each row in `leads` can be traced back to the one request that created it.
 * The ledger keeps the leadId each 2xx answer gave (0 = none), for the cross-check against Postgres.
 */
export class LeadLedger {
  private leadIds = new Float64Array(65_536);
  private issued = 0;

  constructor(readonly tag: string) {}

  /** How many sequence numbers were handed out. */
  get count(): number {
    return this.issued;
  }

  next(): number {
    if (this.issued === this.leadIds.length) {
      const bigger = new Float64Array(this.leadIds.length * 2);
      bigger.set(this.leadIds);
      this.leadIds = bigger;
    }
    return this.issued++;
  }

  reference(seq: number): string {
    return `${this.tag}${seq}`;
  }

  /** The sequence number in a reference this ledger made, or undefined for any other reference. */
  seqOf(reference: string | null): number | undefined {
    if (!reference?.startsWith(this.tag)) return undefined;
    const rest = reference.slice(this.tag.length);
    if (!/^\d+$/.test(rest)) return undefined;
    const seq = Number(rest);
    return seq < this.issued ? seq : undefined;
  }

  accept(seq: number, leadId: number): void {
    this.leadIds[seq] = leadId;
  }

  /** The leadId the answer to request `seq` carried; 0 when it got no accepting answer. */
  leadIdOf(seq: number): number {
    return this.leadIds[seq];
  }
}
