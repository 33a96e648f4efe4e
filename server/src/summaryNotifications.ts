/**
 * Tells the client the workspace summary changed: once per burst of events (one per turn of the event
 * loop), with a generation that counts the changes the summary depends on (`SummaryResult.generation`).
 */
export class SummaryNotifications {
  private generationCount = 0;
  private pending = false;

  constructor(private readonly send: (generation: number) => void) {}

  /** The number of changes so far; a summary computed now is of this generation. */
  get generation(): number {
    return this.generationCount;
  }

  changed(): void {
    this.generationCount++;
    if (this.pending) {
      return;
    }
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.send(this.generationCount);
    });
  }
}
