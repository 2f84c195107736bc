/** The county summary as Markdown (Chinese labels with English glosses; areas in 亩 and m²). */
import { toMu, type AreaRow, type RunSummary } from './summarise-run.ts';

const f2 = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(2)} %`);

export const BASIS_TEXT: Record<RunSummary['ratio']['basis'], string> = {
  verified: '核查后：分子为核查认定“违法”线索的耕地面积 (verified: GDMJ of clues judged 违法)',
  suspected: '核查前：分子为全部疑似违法线索的耕地面积 (before verification: GDMJ of all suspected clues)',
  mixed: '部分核查：分子为认定“违法”及尚未核查线索的耕地面积，为上限 (partly verified: 违法 plus not yet judged — an upper bound)',
};

function table(title: string, rows: AreaRow[]): string {
  const lines = [
    `| ${title} | 线索数 clues | 监测面积 TBMJ (亩) | TBMJ (m²) | 耕地 GDMJ (亩) | 永农 JBNTMJ (亩) |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.key} | ${r.count} | ${f2(toMu(r.tbmj_m2))} | ${f2(r.tbmj_m2)} | ${f2(toMu(r.gdmj_m2))} | ${f2(toMu(r.jbntmj_m2))} |`),
  ];
  return lines.join('\n');
}

export function renderMarkdown(s: RunSummary): string {
  const r = s.ratio;
  const flag = r.value === null ? '—' : r.flagged ? `**达到问责线 (≥ ${pct(r.threshold)})**` : `未达问责线 (< ${pct(r.threshold)})`;
  return [
    `# 卫片执法线索汇总 · Clue summary — run ${s.runId}`,
    '',
    `- 行政区 county: ${s.xzqmc ?? '—'} (${s.xzqdm ?? '—'})`,
    `- 前时相 QSX: ${s.qsx ?? '—'} · 后时相 HSX: ${s.hsx ?? '—'}`,
    `- 线索 clues: ${s.clues} · run status: ${s.runStatus} · generated ${s.generatedAt}`,
    '',
    '## 问责比例 Accountability ratio',
    '',
    '违法占用耕地面积 ÷ 新增建设占用耕地面积 (illegally occupied farmland ÷ farmland taken by new construction)',
    '',
    '| 分子 numerator (亩) | 分母 denominator (亩) | 比例 ratio | 结论 |',
    '| ---: | ---: | ---: | --- |',
    `| ${f2(toMu(r.numerator_m2))} | ${f2(toMu(r.denominator_m2))} | ${pct(r.value)} | ${flag} |`,
    '',
    `- 口径 basis: ${BASIS_TEXT[r.basis]}`,
    `- 分母 denominator: farmland (DLBM 0101/0102/0103) inside all ${r.constructionPatches} change patches of construction type (${r.constructionTypes.join(', ')}), suspected or not`,
    r.value === null ? '- 分母为 0：本期无建设类变化占用耕地，或叠加分析尚未运行 (no farmland taken by construction, or overlay not run)' : '',
    '',
    '## 按严重程度 By severity',
    '',
    table('严重程度 severity', s.bySeverity),
    '',
    '## 按图斑类型 By change type',
    '',
    table('图斑类型 TBLX', s.byChangeType),
    '',
    '## 核查结论 By verdict',
    '',
    table('结论 verdict', s.byVerdict),
    '',
    '> 线索仅为疑似，需经实地核查认定，不能单独作为处罚依据。A clue is a lead, never a verdict.',
    '',
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');
}
