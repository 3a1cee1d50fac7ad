// Connects a CoreClient to the store and the speaker. Used by main.tsx and by tests alike.
import type { MisreadReason } from '../contract/station.js';
import type { CoreClient } from './client/types.js';
import { envelopeOf } from './client/types.js';
import type { SoundPlayer } from './sound.js';
import type { AppStore } from './store.js';

export function bindClient(client: CoreClient, store: AppStore, sound: SoundPlayer): () => void {
  // Snapshots have no sequence number, so a requested snapshot can race a pushed one. The pushed
  // one is always at least as new; a reply to a request sent before the last push is dropped.
  let pushes = 0;

  function refresh(): void {
    const pushesAtRequest = pushes;
    client.request('station.snapshot', {}).then(
      (snapshot) => {
        if (pushes === pushesAtRequest) store.getState().setSnapshot(snapshot);
      },
      (err: unknown) => {
        // A transport error here means the link dropped again; the next 'open' asks once more.
        const error = envelopeOf(err);
        if (error.code !== 'transport')
          store.getState().setFailure({ method: 'station.snapshot', error, code: null, at: Date.now() });
      },
    );
  }

  const offs = [
    client.on('station.snapshot', (snapshot) => {
      pushes++;
      store.getState().setSnapshot(snapshot);
    }),
    client.on('scale.reading', (reading) => store.getState().setScale(reading)),
    client.on('scan.feedback', (feedback) => {
      store.getState().setFeedback(feedback);
      sound.play(feedback.sound);
    }),
    client.on('effect.sound', ({ sound: effect }) => sound.play(effect)),
    client.onConnection((state) => {
      store.getState().setConnection(state);
      if (state === 'open') refresh();
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/**
 * Sends a wedge scan; a scan that cannot be delivered is announced loudly so it gets rescanned.
 * `misread`: the keys made no code (see scan/wedge.ts); the core counts and shows it.
 */
export function submitScan(
  client: CoreClient,
  store: AppStore,
  sound: SoundPlayer,
  code: string,
  misread?: MisreadReason,
): void {
  const args = misread ? { code, source: 'wedge' as const, misread } : { code, source: 'wedge' as const };
  client.request('scan.submit', args).catch((err: unknown) => {
    store.getState().setFailure({ method: 'scan.submit', error: envelopeOf(err), code, at: Date.now() });
    sound.play('error');
  });
}
