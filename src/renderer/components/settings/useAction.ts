// One device command behind a button (tare, zero, status query, test print): busy while it runs,
// then its result or the core's error message, until the button is pressed again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { envelopeOf } from '../../client/types.js';

export type ActionState<T> =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'ok'; value: T } | { kind: 'error'; message: string };

export function useAction<T>(run: () => Promise<T>): [ActionState<T>, () => void] {
  const [state, setState] = useState<ActionState<T>>({ kind: 'idle' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      // A reply after the screen closed has nowhere to go.
      live.current = false;
    };
  }, []);
  const start = useCallback(() => {
    setState({ kind: 'busy' });
    run().then(
      (value) => live.current && setState({ kind: 'ok', value }),
      (err: unknown) => live.current && setState({ kind: 'error', message: envelopeOf(err).message }),
    );
  }, [run]);
  return [state, start];
}
