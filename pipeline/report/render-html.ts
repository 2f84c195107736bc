/** The county summary as one self-contained HTML page: the Markdown's tables plus inline SVG charts. */
import { BASIS_TEXT } from './render-markdown.ts';
import { escapeXml, svgBarChart } from './svg-bar-chart.ts';
import { toMu, type AreaRow, type RunSummary } from './summarise-run.ts';

const f2 = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(2)} %`);
const SEVERITY_COLOURS: Record<string, string> = { severe: '#8b0000', high: '#d9480f', medium: '#f2a900', none: '#8a8a8a' };

function table(title: string, rows: AreaRow[]): string {
  const head = `<tr><th>${escapeXml(title)}</th><th>线索数</th><th>TBMJ (亩)</th><th>TBMJ (m²)</th><th>GDMJ (亩)</th><th>JBNTMJ (亩)</th></tr>`;
  const body = rows
    .map((r) => `<tr><td>${escapeXml(r.key)}</td><td>${r.count}</td><td>${f2(toMu(r.tbmj_m2))}</td><td>${f2(r.tbmj_m2)}</td><td>${f2(toMu(r.gdmj_m2))}</td><td>${f2(toMu(r.jbntmj_m2))}</td></tr>`)
    .join('');
  return `<table>${head}${body}</table>`;
}

/** `map`: the run's overview map, inlined as a data URI so the page stays one file. */
export function renderHtml(s: RunSummary, map?: { png: Buffer; legend: string }): string {
  const r = s.ratio;
  const ratioChart = svgBarChart(
    '问责比例 accountability ratio (%)',
    r.value === null ? [] : [{ label: '违法占用耕地 / 新增建设占用耕地', value: r.value * 100, text: pct(r.value), colour: r.flagged ? '#c00' : '#2f9e44' }],
    { marker: { value: r.threshold * 100, label: `${pct(r.threshold)} 问责线` }, max: r.threshold * 200 },
  );
  const sevChart = svgBarChart(
    '耕地面积 GDMJ by severity (亩)',
    s.bySeverity.map((b) => ({ label: b.key, value: toMu(b.gdmj_m2), colour: SEVERITY_COLOURS[b.key] })),
  );
  const typeChart = svgBarChart('耕地面积 GDMJ by change type (亩)', s.byChangeType.map((b) => ({ label: b.key, value: toMu(b.gdmj_m2) })));
  const flag = r.value === null ? '—' : r.flagged ? `<strong class="flag">达到问责线 (≥ ${pct(r.threshold)})</strong>` : `未达问责线 (&lt; ${pct(r.threshold)})`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>卫片执法线索汇总 ${escapeXml(s.runId)}</title>
<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}.flag{color:#c00}.note{color:#555;font-size:90%}</style>
</head><body>
<h1>卫片执法线索汇总 · Clue summary — run ${escapeXml(s.runId)}</h1>
<p>行政区 county: ${escapeXml(s.xzqmc ?? '—')} (${escapeXml(s.xzqdm ?? '—')}) · QSX ${escapeXml(s.qsx ?? '—')} · HSX ${escapeXml(s.hsx ?? '—')} · 线索 ${s.clues} · generated ${escapeXml(s.generatedAt)}</p>
<h2>问责比例 Accountability ratio</h2>
<table><tr><th>分子 numerator (亩)</th><th>分母 denominator (亩)</th><th>比例 ratio</th><th>结论</th></tr>
<tr><td>${f2(toMu(r.numerator_m2))}</td><td>${f2(toMu(r.denominator_m2))}</td><td>${pct(r.value)}</td><td>${flag}</td></tr></table>
<p class="note">口径 basis: ${escapeXml(BASIS_TEXT[r.basis])}<br>分母 denominator: farmland inside all ${r.constructionPatches} construction-type change patches (${escapeXml(r.constructionTypes.join(', '))}).</p>
${ratioChart}
${map ? `<h2>总览图 Overview map</h2>\n<p class="note">${escapeXml(map.legend)}</p>\n<img src="data:image/png;base64,${map.png.toString('base64')}" alt="overview map" style="max-width:100%">\n` : ''}<h2>按严重程度 By severity</h2>
${sevChart}
${table('严重程度 severity', s.bySeverity)}
<h2>按图斑类型 By change type</h2>
${typeChart}
${table('图斑类型 TBLX', s.byChangeType)}
<h2>核查结论 By verdict</h2>
${table('结论 verdict', s.byVerdict)}
<p class="note">线索仅为疑似，需经实地核查认定，不能单独作为处罚依据。A clue is a lead, never a verdict.</p>
</body></html>
`;
}
