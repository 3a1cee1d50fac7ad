// Display names for ids in a SupervisorView: the view's own name tables first, then the tile,
// then the bare id (a station or packer the hub has never been told the name of).
import type { TFunction } from 'i18next';
import type { StationTile, SupervisorView } from '../../../contract/api/supervisor.js';
import { LAYOUTS } from '../../../contract/entities.js';

export function stationName(view: SupervisorView, stationId: string): string {
  return view.names.stations[stationId] || view.tiles.find((t) => t.stationId === stationId)?.name || stationId;
}

export function packerName(view: SupervisorView, packerId: string): string {
  return view.names.packers[packerId] || packerId;
}

export function tileOf(view: SupervisorView, stationId: string): StationTile | undefined {
  return view.tiles.find((t) => t.stationId === stationId);
}

export function layoutName(layout: string, t: TFunction): string {
  return (LAYOUTS as readonly string[]).includes(layout) ? t(`layout.${layout}`) : t('supervisor.tile.unknownLayout');
}
