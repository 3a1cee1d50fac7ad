// The command barcodes that work in the current step, named in words: the packer knows which card
// of the command sheet to scan next (the sheet, #/sheet, prints them all).
import { useTranslation } from 'react-i18next';
import type { CommandName } from '../../../contract/commands.js';
import type { StockSessionView } from '../../../contract/stock-desk.js';

function commandsFor(s: StockSessionView): CommandName[] {
  if (s.step === 'approval') return ['CANCEL'];
  if (s.step === 'condition') return ['GOOD', 'DAMAGED', 'UNDO'];
  const finish: CommandName[] = s.lines.length > 0 ? ['FINISH', 'UNDO'] : [];
  return [...finish, 'CANCEL'];
}

export function StockCommands({ session }: { session: StockSessionView }) {
  const { t } = useTranslation();
  return (
    <ul className="stock-commands" data-testid="stock-commands">
      {commandsFor(session).map((c) => (
        <li key={c} data-command={c}>
          <code>CMD-{c}</code> {t(`stock.command.${c}`, { defaultValue: t(`command.${c}`) })}
        </li>
      ))}
    </ul>
  );
}
