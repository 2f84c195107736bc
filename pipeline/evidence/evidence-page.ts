/**
 * The self-contained HTML evidence page of one clue: chips embedded as base64 data URIs, the area
 * table (m² and 亩, per DLBM code), coordinates, the rules that fired and why, approvals, history,
 * and how it was made (method, versions, source images). No external resources.
 */
import type { ClueRecord } from '../clues/clue-record.ts';

export interface PageChip {
  kind: string;
  title: string;
  /** The PNG, base64-encoded (as the store hands it out). */
  base64: string;
}

export interface PageMethod {
  landwatchVersion: string;
  beforePath: string;
  afterPath: string;
  generatedAt: string;
}

const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
const f2 = (v: number): string => v.toFixed(2);
const f4 = (v: number): string => v.toFixed(4);

/**
 * The page as UTF-8 bytes. The chips' base64 goes in as bytes: spliced into one string with the
 * page's Chinese text, it would be widened to two bytes a character and narrowed again on writing,
 * which took most of the export's time per clue.
 */
export function evidencePage(r: ClueRecord, chips: PageChip[], m: PageMethod): Buffer {
  const chipParts = chips.flatMap((c) => [
    Buffer.from(`<figure><img alt="${esc(c.title)}" src="data:image/png;base64,`),
    Buffer.from(c.base64, 'latin1'),
    Buffer.from(`"><figcaption>${esc(c.title)}</figcaption></figure>`),
  ]);
  const area = (label: string, m2: number, mu: number): string => `<tr><td>${label}</td><td>${f2(m2)}</td><td>${f4(mu)}</td></tr>`;
  const dlbm = r.DLBM_AREAS.map((d) => area(`${esc(d.DLBM)} ${esc(d.DLMC ?? '')}`, d.MJ, d.MJ_MU)).join('');
  const trace = r.RULE_TRACE.length > 0 ? `<pre>${esc(JSON.stringify(r.RULE_TRACE, null, 2))}</pre>` : '<p>—</p>';
  const approvals = r.APPROVALS.length > 0 ? r.APPROVALS.map((a) => `<li>${esc(a.approval_no)}${a.fraction != null ? ` (${(a.fraction * 100).toFixed(1)} %)` : ''}</li>`).join('') : '<li>无 none</li>';
  const history = r.HISTORY.map((h) => `<tr><td>${esc(h.at)}</td><td>${esc(h.status)}</td><td>${esc(h.verdict ?? '')}</td><td>${esc(h.actor)}</td><td>${esc(h.reason ?? '')}</td></tr>`).join('');
  const ruleset = (r.RULE_TRACE[0] as { ruleset?: string } | undefined)?.ruleset;
  const head = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>线索 ${esc(r.JCBH)} 举证材料</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:1.5em auto;color:#222}figure{display:inline-block;margin:0 10px 10px 0;vertical-align:top}figure img{display:block;max-width:512px;image-rendering:pixelated;border:1px solid #999}figcaption{font-size:90%;color:#444}table{border-collapse:collapse;margin:.4em 0 1.2em}td,th{border:1px solid #ccc;padding:3px 8px}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:85%}.note{color:#555;font-size:90%}</style>
</head><body>
<h1>疑似违法线索 ${esc(r.JCBH)}</h1>
<p>${esc(r.XZQMC)} (${esc(r.XZQDM)}) · 图斑类型 TBLX ${esc(r.TBLX)} · 严重程度 ${esc(r.SEVERITY)} · 状态 ${esc(r.STATUS)}${r.VERDICT ? ` · 结论 ${esc(r.VERDICT)}` : ''}${r.ORIGINAL_JCBH ? ` · 原监测编号 ${esc(r.ORIGINAL_JCBH)}` : ''}</p>
<p><strong>判定理由 reason:</strong> ${esc(r.REASON)}</p>
<h2>影像 Imagery</h2>
<p class="note">前时相 QSX ${esc(r.QSX ?? '—')} · 后时相 HSX ${esc(r.HSX ?? '—')}. True colour = R,G,B; false colour = NIR,R,G (vegetation red). 2–98 % stretch per chip; yellow = patch outline.</p>
`;
  const tail = `
<h2>面积 Areas (CGCS2000 ellipsoid)</h2>
<table><tr><th></th><th>m²</th><th>亩</th></tr>${area('监测面积 TBMJ', r.TBMJ, r.TBMJ_MU)}${area('耕地 GDMJ', r.GDMJ, r.GDMJ_MU)}${area('永久基本农田 JBNTMJ', r.JBNTMJ, r.JBNTMJ_MU)}</table>
<table><tr><th>地类 DLBM</th><th>m²</th><th>亩</th></tr>${dlbm || '<tr><td colspan="3">—</td></tr>'}</table>
<p>压占永久基本农田 SFYN: ${r.SFYN ? '是' : '否'} · 涉及生态保护红线 SFHX: ${r.SFHX ? '是' : '否'}</p>
<h2>位置 Location</h2>
<p>中心点 interior point: ${r.CENTROID.lon.toFixed(6)}°E, ${r.CENTROID.lat.toFixed(6)}°N (CGCS2000)</p>
<h2>批准用地 Approvals hit</h2><ul>${approvals}</ul>
<h2>判定依据 Rules</h2>
<p>规则 rule: ${esc(r.RULE ?? '—')}${ruleset ? ` · 规则集 ruleset: ${esc(ruleset)}` : ''}</p>
${trace}
<h2>历史 History</h2>
<table><tr><th>时间 at</th><th>状态</th><th>结论</th><th>人员</th><th>说明</th></tr>${history}</table>
<h2>方法 Method</h2>
<p class="note">landwatch ${esc(m.landwatchVersion)} · record ${esc(r.schema)} version ${r.VERSION} · run ${esc(r.RUN_ID)} · generated ${esc(m.generatedAt)}<br>
前时相影像 ${esc(m.beforePath)}<br>后时相影像 ${esc(m.afterPath)}<br>
Change detection on the image pair, overlay with the land-use baseline, permanent basic farmland and approvals, then rules. 线索仅为疑似，需经实地核查认定，不能单独作为处罚依据。</p>
</body></html>
`;
  return Buffer.concat([Buffer.from(head), ...(chipParts.length > 0 ? chipParts : [Buffer.from('<p>— (patch outside both images)</p>')]), Buffer.from(tail)]);
}
