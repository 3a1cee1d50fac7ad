// In a stock mode, a number typed at the keyboard and Enter sets the next scan's quantity: it goes
// to the core as the quantity command (CMD-QTY-n), like the printed quantity barcodes.
import { useEffect, useState } from 'react';
import { commandCode } from '../../contract/commands.js';
import { useServices } from '../context.js';
import { submitScan } from '../wiring.js';
import { TypedQuantity } from './typed-quantity.js';

/** Listens while `active`; returns the digits typed so far (shown beside the quantity). */
export function useTypedQuantity(active: boolean): string {
  const { client, store, sound } = useServices();
  const [pending, setPending] = useState('');
  useEffect(() => {
    if (!active) return;
    const reader = new TypedQuantity();
    const onKey = (e: KeyboardEvent) => {
      const qty = reader.feed(e);
      setPending(reader.pending);
      if (qty !== null) submitScan(client, store, sound, commandCode({ name: 'QTY', qty }));
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      setPending('');
    };
  }, [active, client, store, sound]);
  return pending;
}
