/**
 * The content of one fixture announcement, kept as data so a revision can change exactly one
 * target value, one deadline and one rule, and tests know what the extractor should find.
 */
export const FIXTURE_TRACKS = [
  "metaverse",
  "green-low-carbon",
  "smart-terminals",
  "digital-economy",
] as const;
export type FixtureTrack = (typeof FIXTURE_TRACKS)[number];

export interface PlanTarget {
  /** Stable within a plan so a revision can name what it changed. */
  id: string;
  year: number;
  subject: string;
  verb: "达到" | "突破" | "超过";
  value: number;
  unit: "亿元" | "家" | "个" | "%";
}

export interface PlanRule {
  id: string;
  sentence: string;
}

export interface PlanContent {
  track: FixtureTrack;
  targets: PlanTarget[];
  rules: PlanRule[];
  /** Paragraphs with no numbers, to make the page realistic boilerplate. */
  tasks: string[];
}

export const TRACK_NAMES: Record<FixtureTrack, string> = {
  metaverse: "元宇宙",
  "green-low-carbon": "绿色低碳",
  "smart-terminals": "智能终端",
  "digital-economy": "数字经济",
};

const TASKS: Record<FixtureTrack, string[]> = {
  metaverse: [
    "（一）攻关关键技术。聚焦空间计算、实时渲染引擎、数字孪生建模等方向，组织产学研联合攻关，推动成果在本市转化落地。",
    "（二）丰富交互终端。发展轻量化头戴显示设备、体感交互装置和虚拟数字人平台，推动终端产品迭代升级。",
    "（三）开放应用场景。在智能工厂、文旅消费、城市治理和教育培训等领域滚动发布场景清单，支持企业揭榜挂帅。",
    "（四）建设特色园区。依托重点区域建设元宇宙特色产业园区，引导项目、人才和服务资源集聚发展。",
  ],
  "green-low-carbon": [
    "（一）壮大新能源装备。推动风电、光伏、储能和氢能装备协同发展，提升关键部件本地配套水平。",
    "（二）发展节能环保服务。支持合同能源管理、碳资产管理和环境综合治理等服务模式创新。",
    "（三）推进绿色制造。开展绿色工厂、绿色园区和绿色供应链建设，推动重点行业清洁生产改造。",
    "（四）完善碳普惠机制。探索建立覆盖企业和个人的碳普惠体系，引导全社会参与绿色低碳行动。",
  ],
  "smart-terminals": [
    "（一）做强智能网联汽车。推动整车与车载操作系统、智能座舱和高精度定位技术融合发展。",
    "（二）发展智能机器人。拓展服务机器人和特种机器人在医疗、养老、物流等领域的应用。",
    "（三）培育智能穿戴与家居。支持智能手表、智能音箱和全屋智能产品研发，提升用户体验。",
    "（四）提升核心部件能力。支持终端芯片、传感器和通信模组企业与整机企业协同创新。",
  ],
  "digital-economy": [
    "（一）夯实数字基础设施。推进千兆光网、算力枢纽和工业互联网平台建设，提升网络承载能力。",
    "（二）培育数据要素市场。完善数据交易规则，推动公共数据有序开放和授权运营。",
    "（三）推动产业数字化转型。支持制造、商贸、金融等行业企业开展数字化改造和业务重塑。",
    "（四）提升数字治理能力。加快城市运行一网统管建设，推进政务服务一网通办持续深化。",
  ],
};

/** A small deterministic PRNG so generated sites are identical across runs and processes. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds a plan with the shape of the real 2022 new-track action plans; `scale` varies the figures. */
export function buildPlan(
  track: FixtureTrack,
  options: { deadline?: number; random?: () => number } = {},
): PlanContent {
  const random = options.random ?? (() => 0);
  const year = options.deadline ?? 2025;
  const pick = (values: number[]) => values[Math.floor(random() * values.length)] ?? values[0]!;
  const name = TRACK_NAMES[track];
  const base: Record<FixtureTrack, number> = {
    metaverse: 3500,
    "green-low-carbon": 5000,
    "smart-terminals": 7000,
    "digital-economy": 30000,
  };
  const scale = random() === 0 ? base[track] : base[track] + pick([0, 500, 1000, 1500, 2000]);
  return {
    track,
    tasks: TASKS[track],
    targets: [
      {
        id: "scale",
        year,
        subject: `全市${name}相关产业规模`,
        verb: "达到",
        value: scale,
        unit: "亿元",
      },
      {
        id: "leaders",
        year,
        subject: `具有全球竞争力的${name}头部企业`,
        verb: "达到",
        value: pick([10, 10, 15, 20]),
        unit: "家",
      },
      {
        id: "sme",
        year,
        subject: `“专精特新”${name}企业`,
        verb: "突破",
        value: pick([100, 100, 150, 200]),
        unit: "家",
      },
      {
        id: "scenarios",
        year,
        subject: `${name}示范应用场景`,
        verb: "超过",
        value: pick([50, 50, 60, 80]),
        unit: "个",
      },
    ],
    rules: [
      { id: "fund", sentence: `设立规模达百亿级的${name}新赛道产业基金，引导社会资本投早、投小、投硬科技。` },
      {
        id: "project",
        sentence: `对符合条件的${name}重大产业项目，按照项目总投资的30%给予支持，最高2000万元。`,
      },
      {
        id: "platform",
        sentence: `对新认定的${name}公共服务平台，按照建设投入的20%给予补贴，单个平台不超过${pick([500, 800, 1000])}万元。`,
      },
    ],
  };
}

/**
 * The revision the demo publishes ("the end-of-June implementation rules"): the scale target
 * rises, the scenario deadline moves a year later, the fund rule goes and a reward rule arrives.
 */
export function revisePlan(plan: PlanContent): PlanContent {
  const name = TRACK_NAMES[plan.track];
  return {
    ...plan,
    targets: plan.targets.map((target) => {
      if (target.id === "scale") return { ...target, value: target.value + 500 };
      if (target.id === "scenarios") return { ...target, year: target.year + 1 };
      return target;
    }),
    rules: [
      ...plan.rules.filter((rule) => rule.id !== "fund"),
      { id: "reward", sentence: `对首次入选国家级${name}示范项目的企业，给予最高500万元奖励。` },
    ],
  };
}

export function renderTargetSentence(target: PlanTarget): string {
  if (target.unit === "亿元" || target.unit === "%") {
    return `到${target.year}年，${target.subject}${target.verb}${target.value}${target.unit}。`;
  }
  return `到${target.year}年，${target.subject}数量${target.verb}${target.value}${target.unit}。`;
}

/** Body paragraphs of the plan in reading order; renderers wrap them in markup or plain text. */
export function renderPlanParagraphs(plan: PlanContent, title: string): { heading?: string; text: string }[] {
  const name = TRACK_NAMES[plan.track];
  return [
    {
      text: `${name}是本市培育发展新动能、推动经济高质量发展的重要方向。为贯彻落实国家和本市关于加快发展新赛道产业的决策部署，抢抓新一轮科技革命和产业变革机遇，结合本市实际，制定《${title.replace(/^关于印发《|》的通知$/g, "")}》。`,
    },
    {
      heading: "一、总体要求",
      text: "坚持创新驱动、应用牵引、生态培育、开放合作，以关键技术突破和示范场景建设双轮驱动，加快构建具有国际竞争力的产业体系。",
    },
    { heading: "二、发展目标", text: plan.targets.map(renderTargetSentence).join("") },
    { heading: "三、重点任务", text: plan.tasks[0] ?? "" },
    ...plan.tasks.slice(1).map((text) => ({ text })),
    { heading: "四、保障措施", text: plan.rules[0]?.sentence ?? "" },
    ...plan.rules.slice(1).map((rule) => ({ text: rule.sentence })),
    {
      text: "各区、各部门要加强组织领导，完善工作机制，细化任务分工，确保各项措施落到实处。本方案自印发之日起施行。",
    },
  ];
}
