// The hub instances a station may talk to (config hub.urls), and which one it talks to now. Several
// hub processes can serve one warehouse (README "Scaling out"); when the current one stops answering
// (connection refused or reset, no answer in time, 5xx) the station moves to the next and stays
// there while it works, so a dead instance costs one failed request, not one per request.
export class HubUrls {
  private index = 0;

  /**
   * @param list at least one URL, in the order to try them
   * @param onSwitch told each time the station moves on (for the station log)
   */
  constructor(
    readonly list: readonly string[],
    private readonly onSwitch: (from: string, to: string, why: string) => void = () => undefined,
  ) {
    if (list.length === 0) throw new Error('hub.urls: expected at least one hub URL');
  }

  /** The hub to send requests to. */
  get current(): string {
    return this.list[this.index] ?? '';
  }

  /**
   * A request to `url` failed in a way another instance may not. Moves to the next URL unless a
   * request that failed earlier moved on already (concurrent pulls and pushes fail together).
   */
  failed(url: string, why: string): void {
    if (this.list.length < 2 || url !== this.current) return;
    this.index = (this.index + 1) % this.list.length;
    this.onSwitch(url, this.current, why);
  }
}
