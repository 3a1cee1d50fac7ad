// Indexes for the statistics fold's look-ups by pack and parcel (stats-repos.ts packEvents,
// packsOfParcel, parcelPacked, completedPacks): without them each hand-over the fold places scans
// every stored event — a year of a busy warehouse is ~10 M rows. Shared by both stores' migrations.
// s_a is a packId; s_b a parcelId or, on scans, the verdict, hence the type in front of it. The
// first statistics schema had a parcel index partial on `type IN (…)`, which SQLite never uses for
// `type = 'parcel.packed'` (it proves a partial index's condition only from the same term): it is
// replaced, and the pack index is made where that schema did not make it.
export const STATS_EVENT_REFS_DDL = `
  DROP INDEX IF EXISTS station_events_parcel;
  CREATE INDEX IF NOT EXISTS station_events_pack ON station_events(s_a) WHERE s_a IS NOT NULL;
  CREATE INDEX station_events_parcel ON station_events(type, s_b) WHERE s_b IS NOT NULL;
`;
