import { listChangeTracks } from "@trackwatch/db";
import { NEW_TRACKS } from "@trackwatch/policy";
import type { WebDeps } from "./deps.ts";

const TTL_MS = 60_000;

export interface TrackCatalog {
  /** The built-in tracks first, then any other track the change log has seen. */
  list(): Promise<string[]>;
}

/** Tracks for the filter and subscription forms, read at most once a minute. */
export function createTrackCatalog(deps: Pick<WebDeps, "db" | "log">): TrackCatalog {
  let cached: { at: number; tracks: string[] } | null = null;
  return {
    async list() {
      if (cached && Date.now() - cached.at < TTL_MS) return cached.tracks;
      let seen: string[] = [];
      try {
        seen = await listChangeTracks(deps.db);
      } catch (error) {
        // The built-in tracks still make a usable form.
        deps.log.warn({ err: error }, "could not list tracks");
      }
      const tracks = [...new Set<string>([...NEW_TRACKS, ...seen])];
      cached = { at: Date.now(), tracks };
      return tracks;
    },
  };
}
