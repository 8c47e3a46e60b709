/**
 * The shape recordExtraction stores. It mirrors `Extraction` from @trackwatch/policy structurally
 * (db does not depend on policy), so a policy Extraction can be passed as is.
 */
export interface ProvenanceInput {
  text: string;
  span: [number, number];
  attachment?: string | null;
}

export interface TargetInput extends ProvenanceInput {
  key: string;
  track: string;
  metric: string;
  comparator: string;
  value: number;
  valueMax?: number | null;
  unit: string;
  year: number | null;
}

export interface RuleInput extends ProvenanceInput {
  key: string;
  track: string;
  kind: string;
  metric: string;
  amount: number | null;
  percent: number | null;
  comparator?: string | null;
}

export interface ExtractionInput {
  extractorVersion: string;
  document: {
    title: string | null;
    issuer: string | null;
    docNumber: string | null;
    publishedAt: string | null;
  };
  tracks: string[];
  targets: TargetInput[];
  rules: RuleInput[];
  text: string;
  links?: unknown[];
  warnings: string[];
}
