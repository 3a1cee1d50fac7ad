// Injected time: hosts pass the system clock, tests pass a manual one and step it.
export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): Timer;
}
