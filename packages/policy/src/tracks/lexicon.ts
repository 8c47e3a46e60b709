/**
 * Track lexicons are data: each track lists the words (any language) that name it. Configuration
 * can add words to a track or add whole tracks (see `mergeLexicon`).
 */
export interface TrackDefinition {
  label: string;
  /** Counted among the four "new tracks" (an aggregate over several of them is `new-tracks`). */
  newTrack?: boolean;
  terms: string[];
}

export type Lexicon = Record<string, TrackDefinition>;

export type LexiconExtension = Record<string, { label?: string; newTrack?: boolean; terms: string[] }>;

export const DEFAULT_LEXICON: Lexicon = {
  metaverse: {
    label: "Metaverse",
    newTrack: true,
    terms: [
      "元宇宙",
      "數字孿生",
      "数字孪生",
      "虚拟现实",
      "虛擬現實",
      "扩展现实",
      "擴展現實",
      "增强现实",
      "虚拟数字人",
      "metaverse",
      "virtual reality",
      "extended reality",
      "augmented reality",
      "digital twin",
    ],
  },
  "green-low-carbon": {
    label: "Green & low-carbon",
    newTrack: true,
    terms: [
      "绿色低碳",
      "綠色低碳",
      "低碳",
      "新能源",
      "碳中和",
      "碳达峰",
      "碳達峰",
      "氢能",
      "氫能",
      "燃料电池",
      "加氢站",
      "光伏",
      "风电",
      "储能",
      "节能环保",
      "green and low-carbon",
      "green and low carbon",
      "green, low-carbon",
      "low-carbon",
      "low carbon",
      "hydrogen",
      "fuel cell",
      "fuel-cell",
      "carbon neutrality",
      "new energy",
      "renewable",
      "photovoltaic",
    ],
  },
  "smart-terminals": {
    label: "Smart terminals",
    newTrack: true,
    terms: [
      "智能终端",
      "智能終端",
      "智能网联汽车",
      "智能網聯汽車",
      "智能穿戴",
      "智能机器人",
      "服务机器人",
      "智能家居",
      "新型移动终端",
      "smart terminal",
      "smart-terminal",
      "intelligent terminal",
      "intelligent connected vehicle",
      "wearable",
    ],
  },
  "digital-economy": {
    label: "Digital economy",
    newTrack: true,
    terms: [
      "数字经济",
      "數字經濟",
      "數位經濟",
      "数字产业化",
      "产业数字化",
      "数据要素",
      "数字基础设施",
      "digital economy",
      "data economy",
    ],
  },
  "integrated-circuit": {
    label: "Integrated circuits",
    terms: ["集成电路", "積體電路", "集成電路", "半导体", "integrated circuit", "semiconductor"],
  },
  biomedicine: {
    label: "Biomedicine",
    terms: ["生物医药", "生物醫藥", "创新药", "biomedicine", "biomedical", "biopharma"],
  },
  "artificial-intelligence": {
    label: "Artificial intelligence",
    terms: ["人工智能", "人工智慧", "artificial intelligence"],
  },
};

/** Adds configured words and tracks to a lexicon without changing the default object. */
export function mergeLexicon(base: Lexicon, extension: LexiconExtension | undefined): Lexicon {
  if (!extension) return base;
  const merged: Lexicon = { ...base };
  for (const [slug, def] of Object.entries(extension)) {
    const current = merged[slug];
    merged[slug] = {
      label: def.label ?? current?.label ?? slug,
      newTrack: def.newTrack ?? current?.newTrack ?? false,
      terms: [...(current?.terms ?? []), ...def.terms],
    };
  }
  return merged;
}
