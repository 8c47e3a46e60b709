import { describe, expect, it } from "vitest";
import { extractPolicy } from "../extract-policy.ts";
import { createTrackMatcher } from "./find-track-mentions.ts";
import { DEFAULT_LEXICON, mergeLexicon } from "./lexicon.ts";

describe("track lexicons", () => {
  it("finds Chinese, traditional and English names, longest first, whole English words", () => {
    const found = createTrackMatcher(DEFAULT_LEXICON)
      .find("绿色低碳与數字孿生；smart terminals and the Metaverse; greenland low-carbonate")
      .map((m) => m.track);
    expect(found).toEqual(["green-low-carbon", "metaverse", "smart-terminals", "metaverse"]);
  });

  it("is extended by configuration, not code", () => {
    const lexicon = mergeLexicon(DEFAULT_LEXICON, {
      "low-altitude": { label: "Low-altitude economy", newTrack: true, terms: ["低空经济", "eVTOL"] },
      metaverse: { terms: ["空间计算"] },
    });
    expect(lexicon.metaverse!.terms).toContain("元宇宙");
    expect(DEFAULT_LEXICON["low-altitude"]).toBeUndefined();
    const text = "到2026年，低空经济产业规模突破500亿元；空间计算领域培育20家企业。";
    const plain = extractPolicy(text);
    expect(plain.targets.map((t) => t.track)).not.toContain("low-altitude");
    const extended = extractPolicy(text, {
      lexicon: {
        "low-altitude": { newTrack: true, terms: ["低空经济"] },
        metaverse: { terms: ["空间计算"] },
      },
    });
    expect(extended.targets.map((t) => [t.track, t.value])).toEqual([
      ["low-altitude", 50000000000],
      ["metaverse", 20],
    ]);
    expect(extended.tracks.sort()).toEqual(["low-altitude", "metaverse"]);
  });
});
